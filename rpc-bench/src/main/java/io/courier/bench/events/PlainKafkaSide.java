package io.courier.bench.events;

import io.courier.events.core.CloudEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Plain kafka-clients, set up as Courier's broker sets up its clients: a {@link KafkaProducer} with the same
 * settings (acks=all, idempotent, 5 in flight, linger 5 ms, batches of 256 KiB) and a {@link KafkaConsumer} per
 * subscription with the same ones (no auto-commit, {@code commitSync} after each polled batch is handled, 500 records
 * a poll, cooperative-sticky assignment). Its records have headers of the same names and lengths as Courier's
 * CloudEvents envelope on Kafka ({@link CourierHeaders}), and values in a {@link ValueFormat}: bytes as many as Courier's payload ({@link ValueFormat#raw}), or the
 * payload itself ({@link ValueFormat#hessian}). Its handler gets the event's sequence and publishing time and nothing
 * else: no envelope, no span, no meter.
 */
final class PlainKafkaSide implements EventSide {

    private static final Duration POLL = Duration.ofMillis(500);

    private final String name;
    private final String bootstrap;
    private final ValueFormat format;
    private final Map<String, byte[]> headers;
    private final CourierSide topics;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Thread producerThread;

    /**
     * Plain clients, called {@code name}, of {@code bootstrap} writing values in {@code format} with Courier's headers
     * ({@link CourierHeaders#filler}); its topics are created by {@code topics}.
     */
    PlainKafkaSide(String name, String bootstrap, ValueFormat format, CourierSide topics) {
        this.name = name;
        this.bootstrap = bootstrap;
        this.format = format;
        this.headers = CourierHeaders.filler(CloudEvents.Binding.KAFKA);
        this.topics = topics;
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, name + "-producer");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.producerThread = EventSide.producerThread(name + "-producer");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long consumerCpuNanos() {
        return EventSide.currentThreadCpuNanos();
    }

    @Override
    public long clientCpuNanos() {
        return EventSide.cpuNanos(producerThread);
    }

    @Override
    public void prepare(String topic, String group) {
        topics.prepare(topic, group);
    }

    @Override
    public void publish(String topic, BenchEvent event, Ack ack) {
        byte[] value = format.write(event);
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach(recordHeaders::add);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                topic, null, event.customer().getBytes(StandardCharsets.UTF_8), value, recordHeaders);
        producer.send(record, (metadata, failure) -> {
            if (failure == null) {
                ack.acked();
            } else {
                ack.failed(failure);
            }
        });
    }

    @Override
    public AutoCloseable subscribe(String topic, String group, Sink sink) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, name + "-" + group);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class.getName()));
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread thread = new Thread(() -> poll(consumer, topic, sink, stopped), name + "-consumer-" + group);
        thread.setDaemon(true);
        thread.start();
        return () -> {
            consumer.wakeup();
            if (!stopped.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the plain consumer of group '" + group + "' did not stop in 30 s");
            }
        };
    }

    private void poll(KafkaConsumer<byte[], byte[]> consumer, String topic, Sink sink, CountDownLatch stopped) {
        try (consumer) {
            consumer.subscribe(List.of(topic));
            while (true) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    long[] event = format.read(record.value());
                    sink.handled(event[0], event[1]);
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            // closed: leave the group
        } finally {
            stopped.countDown();
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}

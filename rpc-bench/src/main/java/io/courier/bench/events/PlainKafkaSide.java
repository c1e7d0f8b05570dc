package io.courier.bench.events;

import java.nio.ByteBuffer;
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
 * a poll, cooperative-sticky assignment). Its records have the size of Courier's: a value as long as Courier's payload
 * (the sequence and the publishing time in its first 16 bytes, then zeros) and headers of the same names and lengths
 * as Courier's envelope. Its handler reads the two numbers and nothing else: no serializer, no envelope, no span, no
 * meter, so it is the floor under anything built on kafka-clients.
 */
final class PlainKafkaSide implements EventSide {

    private static final Duration POLL = Duration.ofMillis(500);

    private final String bootstrap;
    private final int valueBytes;
    private final byte[][] headerValues;
    private final CourierSide topics;
    private final KafkaProducer<byte[], byte[]> producer;

    /**
     * Plain clients of {@code bootstrap} writing values of {@code valueBytes} bytes (at least 16) with headers of the
     * lengths of {@code headerBytes} (id, time, type, source, serializer); its topics are created by {@code topics}.
     */
    PlainKafkaSide(String bootstrap, int valueBytes, int[] headerBytes, CourierSide topics) {
        if (valueBytes < 16) {
            throw new IllegalArgumentException("valueBytes: " + valueBytes + " (expected: >= 16)");
        }
        this.bootstrap = bootstrap;
        this.valueBytes = valueBytes;
        this.headerValues = new byte[headerBytes.length][];
        for (int i = 0; i < headerBytes.length; i++) {
            headerValues[i] = new byte[headerBytes[i]];
        }
        this.topics = topics;
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "plain-producer");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public String name() {
        return "plain";
    }

    @Override
    public void prepare(String topic) {
        topics.prepare(topic);
    }

    @Override
    public void publish(String topic, BenchEvent event, Ack ack) {
        byte[] value = new byte[valueBytes];
        ByteBuffer.wrap(value).putLong(event.sequence()).putLong(event.sentNanos());
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < headerValues.length; i++) {
            headers.add(HEADERS[i], headerValues[i]);
        }
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topic, null, event.customer().getBytes(StandardCharsets.UTF_8), value, headers);
        producer.send(record, (metadata, failure) -> {
            if (failure == null) {
                ack.acked();
            } else {
                ack.failed(failure);
            }
        });
    }

    private static final String[] HEADERS = {
        "courier-id", "courier-time", "courier-type", "courier-source", "courier-serializer"
    };

    @Override
    public AutoCloseable subscribe(String topic, String group, Sink sink) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "plain-" + group);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class.getName()));
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread thread = new Thread(() -> poll(consumer, topic, sink, stopped), "plain-consumer-" + group);
        thread.setDaemon(true);
        thread.start();
        return () -> {
            consumer.wakeup();
            if (!stopped.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the plain consumer of group '" + group + "' did not stop in 30 s");
            }
        };
    }

    private static void poll(KafkaConsumer<byte[], byte[]> consumer, String topic, Sink sink, CountDownLatch stopped) {
        try (consumer) {
            consumer.subscribe(List.of(topic));
            while (true) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    ByteBuffer value = ByteBuffer.wrap(record.value());
                    sink.handled(value.getLong(0), value.getLong(8));
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

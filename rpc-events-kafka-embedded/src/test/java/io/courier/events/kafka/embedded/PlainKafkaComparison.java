package io.courier.events.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.event.EventPublisher;
import io.courier.api.event.Subscription;
import io.courier.api.event.SubscriptionOptions;
import io.courier.events.kafka.KafkaEventBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of publish and consume throughput, Courier's events against plain kafka-clients on the
 * same embedded broker, same settings (acks=all, idempotent, linger 5 ms, batches of 256 KiB),
 * events of the same size. Not part of the build: {@code -Dcourier.events.compare=true}.
 */
@EnabledIfSystemProperty(named = "courier.events.compare", matches = "true")
class PlainKafkaComparison {

    private static final Logger log = LoggerFactory.getLogger(PlainKafkaComparison.class);
    private static final int EVENTS = 300_000;

    @Test
    void courierAgainstPlainKafkaClients() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("plain", 12, (short) 1)))
                        .all()
                        .get();
            }
            for (int round = 0; round < 2; round++) {
                double plainPublish = plainPublish(bootstrap, 100 + 400 * round);
                double plainConsume = plainConsume(bootstrap, "plain-" + round);
                double courierPublish;
                double courierConsume;
                try (KafkaEventBroker broker = KafkaEventBroker.create(KafkaFixture.settings(
                        bootstrap,
                        "bench",
                        Map.of(
                                "courier.events.kafka.partitions",
                                "12",
                                "courier.events.kafka.max-poll-records",
                                "5000")))) {
                    courierPublish = courierPublish(broker, "courier-" + round);
                    assertThat(KafkaFixture.readAll(bootstrap, "courier-" + round, EVENTS, Duration.ofSeconds(60)))
                            .as("acknowledged events stored")
                            .hasSize(EVENTS);
                    courierConsume = courierConsume(broker, "courier-" + round);
                }
                log.info(
                        "round {}: publish/s plain {} courier {} ({}x); consume/s plain {} courier {} ({}x)",
                        round,
                        (long) plainPublish,
                        (long) courierPublish,
                        String.format("%.2f", courierPublish / plainPublish),
                        (long) plainConsume,
                        (long) courierConsume,
                        String.format("%.2f", courierConsume / plainConsume));
            }
        }
    }

    private static double plainPublish(String bootstrap, int unused) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // the size of a Courier event of the test type: payload plus envelope headers
        byte[] value = new byte[40];
        byte[] header = new byte[36];
        long start = System.nanoTime();
        CountDownLatch done = new CountDownLatch(EVENTS);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < EVENTS; i++) {
                ProducerRecord<byte[], byte[]> record =
                        new ProducerRecord<>("plain", ("key-" + i % 1000).getBytes(), value);
                record.headers().add("id", header).add("time", new byte[8]).add("type", header);
                producer.send(record, (metadata, e) -> done.countDown());
            }
            assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();
        }
        return EVENTS * 1e9 / (System.nanoTime() - start);
    }

    private static double plainConsume(String bootstrap, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        long start = System.nanoTime();
        int seen = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("plain"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (seen < EVENTS && System.nanoTime() < deadline) {
                seen += consumer.poll(Duration.ofMillis(200)).count();
                consumer.commitSync();
            }
        }
        return seen * 1e9 / (System.nanoTime() - start);
    }

    private static double courierPublish(KafkaEventBroker broker, String topic) throws Exception {
        EventPublisher<OrderPlaced> publisher = broker.publisher(topic, OrderPlaced.class);
        CountDownLatch done = new CountDownLatch(EVENTS);
        long start = System.nanoTime();
        for (int i = 0; i < EVENTS; i++) {
            publisher
                    .publish("key-" + i % 1000, new OrderPlaced("", "", i, i % 1000))
                    .whenComplete((receipt, e) -> done.countDown());
        }
        assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();
        return EVENTS * 1e9 / (System.nanoTime() - start);
    }

    private static double courierConsume(KafkaEventBroker broker, String topic) throws Exception {
        AtomicInteger seen = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        long start = System.nanoTime();
        try (Subscription subscription = broker.subscribe(
                SubscriptionOptions.builder(topic, topic + "-group", OrderPlaced.class)
                        .build(),
                event -> {
                    if (seen.incrementAndGet() == EVENTS) {
                        done.countDown();
                    }
                })) {
            assertThat(done.await(120, TimeUnit.SECONDS))
                    .as("consumed %s", seen)
                    .isTrue();
            return EVENTS * 1e9 / (System.nanoTime() - start);
        }
    }
}

package io.courier.events.kafka.embedded;

import io.courier.api.event.EventBrokerContext;
import io.courier.events.kafka.KafkaEventBroker;
import io.courier.events.kafka.KafkaSettings;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Brokers and stock Kafka clients on one running Kafka, for the tests. */
final class KafkaFixture {

    private KafkaFixture() {}

    /** The settings of a Courier broker on {@code bootstrap}, with {@code extra} keys over the test defaults. */
    static KafkaSettings settings(String bootstrap, String application, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put("courier.events.kafka.bootstrap-servers", bootstrap);
        settings.put("courier.events.kafka.partitions", "6");
        settings.put("courier.events.kafka.replication-factor", "1");
        settings.put("courier.events.kafka.session-timeout-millis", "6000");
        settings.putAll(extra);
        return KafkaSettings.from(EventBrokerContext.of(application, settings));
    }

    static KafkaEventBroker broker(String bootstrap, String application) {
        return KafkaEventBroker.create(settings(bootstrap, application, Map.of()));
    }

    /** An OpenTelemetry SDK that hands every span to {@code exporter} as it ends, with W3C propagation. */
    static OpenTelemetrySdk telemetry(InMemorySpanExporter exporter) {
        return OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }

    /** A stock producer, to write records no Courier publisher would. */
    static KafkaProducer<byte[], byte[]> rawProducer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Every record of {@code topic} now, read with a stock consumer from the beginning of each partition. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, int atLeast, Duration within) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + within.toNanos();
            while (records.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}

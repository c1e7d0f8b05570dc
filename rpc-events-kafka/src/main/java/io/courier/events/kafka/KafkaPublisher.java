package io.courier.events.kafka;

import io.courier.api.event.Event;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.PublishReceipt;
import io.opentelemetry.api.trace.Span;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Publishes one event type to one topic through the broker's one idempotent producer. Thread-safe. */
final class KafkaPublisher<E> implements EventPublisher<E> {

    private final String topic;
    private final Class<E> type;
    private final Producer<byte[], byte[]> producer;
    private final EventCodec codec;
    private final EventTracing tracing;
    private final EventMetrics.Publishing metrics;
    private final String serializer;
    private final byte[] source;
    private final byte[] typeName;
    private final byte[] serializerName;

    KafkaPublisher(
            String topic,
            Class<E> type,
            Producer<byte[], byte[]> producer,
            EventCodec codec,
            EventTracing tracing,
            EventMetrics.Publishing metrics,
            KafkaSettings settings) {
        this.topic = topic;
        this.type = type;
        this.producer = producer;
        this.codec = codec;
        this.tracing = tracing;
        this.metrics = metrics;
        this.serializer = settings.serializer();
        this.source = EventHeaders.utf8(settings.application());
        this.typeName = EventHeaders.utf8(type.getName());
        this.serializerName = EventHeaders.utf8(serializer);
    }

    /** The event type it publishes. */
    Class<E> type() {
        return type;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public CompletableFuture<PublishReceipt> publish(String key, E event) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(event, "event");
        CompletableFuture<PublishReceipt> receipt = new CompletableFuture<>();
        byte[] payload;
        try {
            payload = codec.write(serializer, event, type);
        } catch (RuntimeException e) {
            receipt.completeExceptionally(e);
            return receipt;
        }
        String id = randomId();
        long time = System.currentTimeMillis();
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.ID, id.getBytes(StandardCharsets.US_ASCII));
        headers.add(EventHeaders.TIME, EventHeaders.millis(time));
        headers.add(EventHeaders.TYPE, typeName);
        headers.add(EventHeaders.SOURCE, source);
        headers.add(EventHeaders.SERIALIZER, serializerName);
        Span span = tracing.publishing(topic, headers);
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topic, null, key.getBytes(StandardCharsets.UTF_8), payload, headers);
        long started = System.nanoTime();
        try {
            producer.send(record, (metadata, failure) -> {
                EventTracing.end(span, failure);
                metrics.record(started, failure == null);
                if (failure != null) {
                    receipt.completeExceptionally(failure);
                } else {
                    receipt.complete(new PublishReceipt(
                            id,
                            new Event.Position(metadata.topic(), metadata.partition(), metadata.offset()),
                            Instant.ofEpochMilli(time)));
                }
            });
        } catch (RuntimeException e) {
            // max.block.ms passed with no metadata or buffer space, or the producer is closed
            EventTracing.end(span, e);
            metrics.record(started, false);
            receipt.completeExceptionally(e);
        }
        return receipt;
    }

    /** A random (version 4) UUID without SecureRandom's cost: ids need to be unique, not secret. */
    private static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
        return new UUID(most, least).toString();
    }
}

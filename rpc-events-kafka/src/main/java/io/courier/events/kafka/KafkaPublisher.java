package io.courier.events.kafka;

import io.courier.api.event.Event;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.PublishReceipt;
import io.courier.api.serialization.Serializer;
import io.courier.events.core.CloudEvents;
import io.courier.protocol.serialization.HessianPayloadWriter;
import io.courier.protocol.serialization.HessianSerializer;
import io.opentelemetry.api.trace.Span;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
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
    /** The serializer, looked up once rather than by name per event; null if none has that name. */
    private final Serializer writer;
    /** For the hessian serializer: writes the event's class definition made once, not per event. */
    private final HessianPayloadWriter hessian;

    private final EventTracing.Names spans;
    private final Header versionHeader;
    private final Header sourceHeader;
    private final Header typeHeader;
    private final Header contentTypeHeader;
    private final Header serializerHeader;

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
        this.writer = codec.hasSerializer(serializer) ? codec.serializer(serializer) : null;
        this.hessian =
                writer instanceof HessianSerializer hessianSerializer ? hessianSerializer.payloadWriter(type) : null;
        this.spans = EventTracing.names(topic);
        // Kafka only reads a header's key and value, so one instance can go with every record
        this.versionHeader = new RecordHeader(EventHeaders.CE_SPECVERSION, EventHeaders.utf8(CloudEvents.SPEC_VERSION));
        this.sourceHeader = new RecordHeader(EventHeaders.CE_SOURCE, EventHeaders.utf8(settings.application()));
        this.typeHeader = new RecordHeader(EventHeaders.CE_TYPE, EventHeaders.utf8(type.getName()));
        this.contentTypeHeader =
                new RecordHeader(EventHeaders.CONTENT_TYPE, EventHeaders.utf8(CloudEvents.contentType(serializer)));
        this.serializerHeader = new RecordHeader(EventHeaders.CE_SERIALIZER, EventHeaders.utf8(serializer));
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
        byte[] payload;
        try {
            // an unknown name fails each publish's future, saying which serializers exist
            if (hessian != null) {
                payload = EventCodec.write(hessian, event, type);
            } else {
                Serializer writing = writer != null ? writer : codec.serializer(serializer);
                payload = EventCodec.write(writing, serializer, event, type);
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        byte[] id = EventHeaders.randomId();
        long time = System.currentTimeMillis();
        // the five headers every event of this publisher shares are made once, in the constructor
        Header[] envelope = {
            versionHeader,
            new RecordHeader(EventHeaders.CE_ID, id),
            sourceHeader,
            typeHeader,
            new RecordHeader(EventHeaders.CE_TIME, CloudEvents.timeBytes(time)),
            contentTypeHeader,
            serializerHeader
        };
        RecordHeaders headers = new RecordHeaders(envelope);
        Span span = tracing.publishing(spans, headers);
        traceExtension(headers);
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topic, null, key.getBytes(StandardCharsets.UTF_8), payload, headers);
        // the receipt's id and time are made here, on the publishing thread, not on the producer's one network thread,
        // which every publisher of the broker shares and which runs every record's callback
        Acknowledgement acknowledgement = new Acknowledgement(
                new String(id, StandardCharsets.US_ASCII), Instant.ofEpochMilli(time), span, metrics);
        try {
            producer.send(record, acknowledgement);
        } catch (RuntimeException e) {
            // max.block.ms passed with no metadata or buffer space, or the producer is closed
            acknowledgement.onCompletion(null, e);
        }
        return acknowledgement;
    }

    /** The distributed tracing extension: the same values as the W3C headers the propagator wrote, if it wrote any. */
    private static void traceExtension(RecordHeaders headers) {
        Header parent = headers.lastHeader(EventHeaders.TRACEPARENT);
        if (parent != null) {
            headers.add(EventHeaders.CE_TRACEPARENT, parent.value());
            Header state = headers.lastHeader(EventHeaders.TRACESTATE);
            if (state != null) {
                headers.add(EventHeaders.CE_TRACESTATE, state.value());
            }
        }
    }

    /**
     * One publish's future and its producer callback in one object. Kafka runs the callback of every record on the
     * producer's one network thread, between reading the broker's responses and sending the next requests, so what it
     * does is kept short: the span is ended only if there is one, one clock read for the timer, and the receipt made
     * from the id and time the publishing thread made (a JFR profile of the benchmark had the id's {@code String},
     * made here from the header's bytes, at a fifth of that thread's samples).
     */
    private static final class Acknowledgement extends CompletableFuture<PublishReceipt> implements Callback {
        private final String id;
        private final Instant time;
        private final Span span;
        private final EventMetrics.Publishing metrics;
        private final long started = System.nanoTime();

        Acknowledgement(String id, Instant time, Span span, EventMetrics.Publishing metrics) {
            this.id = id;
            this.time = time;
            this.span = span;
            this.metrics = metrics;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception failure) {
            if (span != Span.getInvalid()) {
                EventTracing.end(span, failure);
            }
            metrics.record(started, failure == null);
            if (failure != null) {
                completeExceptionally(failure);
            } else {
                complete(new PublishReceipt(
                        id, new Event.Position(metadata.topic(), metadata.partition(), metadata.offset()), time));
            }
        }
    }
}

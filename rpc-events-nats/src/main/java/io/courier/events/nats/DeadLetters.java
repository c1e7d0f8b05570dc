package io.courier.events.nats;

import io.courier.api.event.SubscriptionOptions;
import io.courier.events.core.EventEnvelope;
import io.nats.client.JetStream;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.impl.Headers;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an event a subscription gave up on to its dead-letter topic (a stream like any topic's),
 * with its data and headers unchanged and the {@code courier-dlt-*} headers Kafka's dead letters
 * carry. The write is acknowledged by JetStream before the event is acknowledged where it came from;
 * while it cannot be, it is tried again every second, so the partition does not move past it.
 */
final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    /** The partition of the topic a dead letter was read from. */
    static final String DLT_PARTITION = "courier-dlt-partition";

    private final JetStream jetStream;
    private final int partitions;
    private final EventEnvelope envelope;

    DeadLetters(JetStream jetStream, int partitions, EventEnvelope envelope) {
        this.jetStream = jetStream;
        this.partitions = partitions;
        this.envelope = envelope;
    }

    /**
     * Stores {@code message} on the dead-letter topic of {@code options}; returns false only if
     * {@code stopped} said so before it was stored.
     */
    boolean write(Message message, SubscriptionOptions<?> options, int attempts, String reason, BooleanSupplier stopped)
            throws InterruptedException {
        Headers headers = new Headers(message.getHeaders());
        headers.put(EventEnvelope.DLT_REASON, EventEnvelope.reason(reason));
        headers.put(EventEnvelope.DLT_TOPIC, options.topic());
        headers.put(DLT_PARTITION, Integer.toString(NatsNames.partitionOf(message.getSubject())));
        headers.put(EventEnvelope.DLT_OFFSET, Long.toString(message.metaData().streamSequence()));
        headers.put(EventEnvelope.DLT_GROUP, options.group());
        headers.put(EventEnvelope.DLT_ATTEMPTS, Integer.toString(attempts));
        String key = key(headers);
        String topic = options.deadLetterTopic();
        String subject = NatsNames.subject(topic, NatsNames.partition(key, partitions));
        PublishOptions publish =
                PublishOptions.builder().expectedStream(NatsNames.stream(topic)).build();
        while (!stopped.getAsBoolean()) {
            try {
                jetStream.publish(subject, headers, message.getData(), publish);
                return true;
            } catch (Exception e) {
                log.warn("cannot store a dead letter on {} yet (trying again in 1 s): {}", topic, e.toString());
                Thread.sleep(1_000);
            }
        }
        return false;
    }

    /** The event's key, or "" when it has none or a malformed one (an unreadable event's, say). */
    private String key(Headers headers) {
        try {
            String key = envelope.key(headers::getLast);
            return key == null ? "" : key;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}

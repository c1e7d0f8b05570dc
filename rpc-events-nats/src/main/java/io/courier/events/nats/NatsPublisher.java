package io.courier.events.nats;

import io.courier.api.event.Event;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.PublishReceipt;
import io.courier.events.core.EventEnvelope;
import io.courier.events.core.EventSpans;
import io.courier.events.core.Outgoing;
import io.nats.client.JetStream;
import io.nats.client.PublishOptions;
import io.nats.client.impl.Headers;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes one event type to one topic's stream: the key picks the partition subject, and the
 * future completes with JetStream's acknowledgement, which comes once the stream has stored the
 * event (on every replica's quorum). Thread-safe.
 */
final class NatsPublisher<E> implements EventPublisher<E> {

    /** JetStream stores a publish whose id it has seen within the stream's duplicate window once. */
    static final String NATS_MSG_ID = "Nats-Msg-Id";

    private final String topic;
    private final Class<E> type;
    private final JetStream jetStream;
    private final EventEnvelope envelope;
    private final EventSpans spans;
    private final NatsSettings settings;
    private final Unanswered unanswered;
    private final PublishOptions options;
    private final Outgoing.Route route;

    NatsPublisher(
            String topic,
            Class<E> type,
            JetStream jetStream,
            Unanswered unanswered,
            EventEnvelope envelope,
            EventSpans spans,
            NatsSettings settings) {
        this.topic = topic;
        this.type = type;
        this.jetStream = jetStream;
        this.unanswered = unanswered;
        this.envelope = envelope;
        this.spans = spans;
        this.settings = settings;
        // a subject of another stream, or none, is refused rather than stored elsewhere
        this.options =
                PublishOptions.builder().expectedStream(NatsNames.stream(topic)).build();
        this.route = new Outgoing.Route(topic, type, settings.application(), settings.serializer());
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public CompletableFuture<PublishReceipt> publish(String key, E event) {
        return Outgoing.publish(envelope, spans, route, key, event, outgoing -> {
            Headers headers = new Headers();
            outgoing.headers().forEach(headers::put);
            headers.put(NATS_MSG_ID, outgoing.id());
            int partition = NatsNames.partition(key, settings.partitions());
            return jetStream
                    .publishAsync(NatsNames.subject(topic, partition), headers, outgoing.payload(), options)
                    .whenComplete((stored, failure) -> {
                        if (failure == null) {
                            unanswered.answered();
                        } else {
                            unanswered.failed(failure);
                        }
                    })
                    .thenApply(stored -> new Event.Position(topic, partition, stored.getSeqno()));
        });
    }
}

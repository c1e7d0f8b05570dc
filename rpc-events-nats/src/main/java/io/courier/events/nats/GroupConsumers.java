package io.courier.events.nats;

import io.courier.api.event.SubscriptionOptions;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The durable pull consumers of one group on one topic: one per partition subject, with explicit
 * acknowledgement, {@code AckWait}, {@code MaxDeliver}, and at most one unacknowledged event
 * ({@code MaxAckPending} 1), so members anywhere share a partition's events one at a time, in order.
 * JetStream keeps each consumer's position, so a group continues where it was in any process.
 */
final class GroupConsumers {

    private static final int NOT_FOUND = 10014;

    private final JetStreamManagement management;
    private final SubscriptionOptions<?> options;
    private final NatsSettings settings;

    GroupConsumers(JetStreamManagement management, SubscriptionOptions<?> options, NatsSettings settings) {
        this.management = management;
        this.options = options;
        this.settings = settings;
    }

    String stream() {
        return NatsNames.stream(options.topic());
    }

    String durable(int partition) {
        return NatsNames.durable(options.group(), partition);
    }

    /** Creates the consumer of {@code partition} if the group has none: from {@code startFrom}; says whether it did. */
    boolean ensure(int partition) throws IOException, JetStreamApiException {
        try {
            management.getConsumerInfo(stream(), durable(partition));
            return false;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != NOT_FOUND) {
                throw e;
            }
            DeliverPolicy start = options.startFrom() == SubscriptionOptions.StartFrom.EARLIEST
                    ? DeliverPolicy.All
                    : DeliverPolicy.New;
            management.addOrUpdateConsumer(
                    stream(), config(partition).deliverPolicy(start).build());
            return true;
        }
    }

    /** Replaces the consumer of {@code partition} with one starting at stream sequence {@code sequence}. */
    void restartAt(int partition, long sequence) throws IOException, JetStreamApiException {
        replace(
                partition,
                config(partition).deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(sequence));
    }

    /** Replaces the consumer of {@code partition} with one starting at the first event stored at or after {@code time}. */
    void restartAt(int partition, Instant time) throws IOException, JetStreamApiException {
        replace(
                partition,
                config(partition).deliverPolicy(DeliverPolicy.ByStartTime).startTime(time.atZone(ZoneOffset.UTC)));
    }

    // JetStream cannot move a consumer's start: the replay is a new consumer of the same name
    private void replace(int partition, ConsumerConfiguration.Builder config)
            throws IOException, JetStreamApiException {
        try {
            management.deleteConsumer(stream(), durable(partition));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != NOT_FOUND) {
                throw e;
            }
        }
        management.addOrUpdateConsumer(stream(), config.build());
    }

    private ConsumerConfiguration.Builder config(int partition) {
        return ConsumerConfiguration.builder()
                .durable(durable(partition))
                .filterSubject(NatsNames.subject(options.topic(), partition))
                .ackPolicy(AckPolicy.Explicit)
                .ackWait(settings.ackWait())
                .maxDeliver(settings.maxDeliver())
                .maxAckPending(1);
    }
}

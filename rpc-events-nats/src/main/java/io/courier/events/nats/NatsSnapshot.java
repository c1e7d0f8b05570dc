package io.courier.events.nats;

import io.courier.api.event.BrokerSnapshot;
import io.courier.api.event.SubscriptionOptions;
import io.courier.events.core.SnapshotTopics;
import io.courier.events.core.SubscriptionCounts;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Takes a {@link BrokerSnapshot} from JetStream: each topic's stream (its events kept and its last
 * sequence; the partitions share the stream's sequences) and each group's durable consumer per
 * partition, whose lag is what JetStream still holds for it: events not yet delivered plus events
 * delivered and not acknowledged. One request per stream and per consumer, each bounded by the
 * timeout of the management context it is given. Called on the caller's thread.
 */
final class NatsSnapshot {

    /** What JetStream does not tell, said on every NATS snapshot. */
    static final List<String> NOT_SHOWN = List.of(
            "group state and members: JetStream does not say which processes pull a durable consumer",
            "a partition's own start and end: a topic's partitions share its stream's sequence numbers");

    private static final int STREAM_NOT_FOUND = 10059;
    private static final int CONSUMER_NOT_FOUND = 10014;

    private final JetStreamManagement management;
    private final String broker;
    private final Connection connection;

    /** A snapshot through {@code management}, a JetStream context of {@code connection}. */
    NatsSnapshot(JetStreamManagement management, String broker, Connection connection) {
        this.management = management;
        this.broker = broker;
        this.connection = connection;
    }

    /** The snapshot of {@code publishedTopics} and {@code subscriptions}, within {@code timeout}. */
    BrokerSnapshot read(Set<String> publishedTopics, Collection<NatsSubscription> subscriptions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<NatsSubscription> ordered = SnapshotTopics.ordered(subscriptions);
        SortedMap<String, Boolean> topicNames = SnapshotTopics.names(publishedTopics, ordered);
        try {
            Map<String, StreamState> streams = new TreeMap<>();
            for (String topic : topicNames.keySet()) {
                StreamState state = stream(topic, deadline);
                if (state != null) {
                    streams.put(topic, state);
                }
            }
            List<BrokerSnapshot.Topic> topics = new ArrayList<>();
            streams.forEach(
                    (topic, state) -> topics.add(topic(topic, topicNames.get(topic), state, partitions(ordered))));
            List<BrokerSnapshot.Group> rows = new ArrayList<>();
            for (NatsSubscription subscription : ordered) {
                StreamState state = streams.get(subscription.options().topic());
                rows.add(group(subscription, state == null ? List.of() : lags(subscription, state, deadline)));
            }
            return new BrokerSnapshot(broker, Instant.now(), "", topics, rows, NOT_SHOWN);
        } catch (IOException e) {
            return local(ordered, "JetStream did not answer: " + e.getMessage());
        } catch (JetStreamApiException e) {
            return local(ordered, "JetStream refused: " + e.getMessage());
        } catch (SnapshotTimeout e) {
            return local(ordered, "JetStream did not answer within " + timeout.toMillis() + " ms");
        }
    }

    /** The partitions of a topic: the broker's setting, which every subscription carries. */
    private static int partitions(List<NatsSubscription> subscriptions) {
        return subscriptions.isEmpty() ? 0 : subscriptions.get(0).partitions();
    }

    private static BrokerSnapshot.Topic topic(String name, boolean deadLetter, StreamState state, int partitions) {
        List<BrokerSnapshot.Partition> rows = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            rows.add(new BrokerSnapshot.Partition(p, state.getFirstSequence(), state.getLastSequence() + 1));
        }
        return new BrokerSnapshot.Topic(name, deadLetter, rows, state.getMsgCount(), state.getLastSequence());
    }

    /** The stream's state, or null when it was not created yet. */
    private StreamState stream(String topic, long deadline) throws IOException, JetStreamApiException {
        checkTime(deadline);
        try {
            return management.getStreamInfo(NatsNames.stream(topic)).getStreamState();
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private List<BrokerSnapshot.PartitionLag> lags(NatsSubscription subscription, StreamState stream, long deadline)
            throws IOException, JetStreamApiException {
        GroupConsumers consumers = subscription.consumers();
        List<BrokerSnapshot.PartitionLag> lags = new ArrayList<>();
        for (int p = 0; p < subscription.partitions(); p++) {
            checkTime(deadline);
            ConsumerInfo info;
            try {
                info = management.getConsumerInfo(consumers.stream(), consumers.durable(p));
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() == CONSUMER_NOT_FOUND) {
                    continue; // no member has pulled this partition yet
                }
                throw e;
            }
            long acknowledged =
                    info.getAckFloor() == null ? 0 : info.getAckFloor().getStreamSequence();
            lags.add(new BrokerSnapshot.PartitionLag(
                    p,
                    acknowledged > 0 ? acknowledged + 1 : -1,
                    stream.getLastSequence() + 1,
                    info.getNumPending() + info.getNumAckPending(),
                    ""));
        }
        return lags;
    }

    /**
     * The snapshot without JetStream's part: what this process knows, and the connection's status, since
     * whether it is down, or up with its requests unanswered, is an operator's next question.
     */
    private BrokerSnapshot local(List<NatsSubscription> subscriptions, String error) {
        List<BrokerSnapshot.Group> rows = new ArrayList<>();
        subscriptions.forEach(subscription -> rows.add(group(subscription, List.of())));
        String where = " (connection " + connection.getStatus() + ", to " + connection.getConnectedUrl() + ")";
        return new BrokerSnapshot(broker, Instant.now(), error + where, List.of(), rows, NOT_SHOWN);
    }

    private static BrokerSnapshot.Group group(NatsSubscription subscription, List<BrokerSnapshot.PartitionLag> lags) {
        SubscriptionOptions<?> options = subscription.options();
        SubscriptionCounts counts = subscription.counts();
        return new BrokerSnapshot.Group(
                options.topic(),
                options.group(),
                options.deadLetterTopic(),
                options.concurrency(),
                subscription.paused(),
                "",
                -1,
                counts.handledCount(),
                counts.retriedCount(),
                counts.deadLetteredCount(),
                counts.unreadableCount(),
                lags);
    }

    private static void checkTime(long deadline) {
        if (System.nanoTime() - deadline > 0) {
            throw new SnapshotTimeout();
        }
    }

    /** The snapshot's time ran out between two requests. */
    private static final class SnapshotTimeout extends RuntimeException {
        SnapshotTimeout() {
            super(null, null, false, false);
        }
    }
}

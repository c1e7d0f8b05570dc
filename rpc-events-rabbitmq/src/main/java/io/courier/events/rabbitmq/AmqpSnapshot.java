package io.courier.events.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.courier.api.event.BrokerSnapshot;
import io.courier.api.event.SubscriptionOptions;
import io.courier.events.core.SnapshotTopics;
import io.courier.events.core.SubscriptionCounts;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Takes a {@link BrokerSnapshot} with what AMQP itself tells, without the management plugin: a passive
 * declare of each group's queue and of each dead-letter topic's keeping queue answers its ready events
 * and its consumers. A group's lag is its queue's depth (one row, partition 0); a dead-letter topic
 * keeps what its queue holds. The declares run on a channel of their own, on {@code executor}, waited
 * on within the timeout; a channel still waiting then is aborted.
 */
final class AmqpSnapshot {

    /** What AMQP does not tell, said on every RabbitMQ snapshot. */
    static final List<String> NOT_SHOWN = List.of(
            "events delivered and not yet acknowledged: AMQP counts a queue's ready events only (the"
                    + " management plugin's HTTP API counts the others); a group's lag is its queue's ready events",
            "offsets and events written: a queue forgets each event once it is acknowledged",
            "an event topic's own count: a topic is a routing key, whose events each group's queue keeps a copy of",
            "group state: RabbitMQ has no consumer groups, only consumers competing for a queue");

    private static final int NOT_FOUND = 404;

    private final Connection connection;
    private final Executor executor;
    private final String broker;

    AmqpSnapshot(Connection connection, Executor executor, String broker) {
        this.connection = connection;
        this.executor = executor;
        this.broker = broker;
    }

    /** The snapshot of {@code publishedTopics} and {@code subscriptions}, within {@code timeout}. */
    BrokerSnapshot read(Set<String> publishedTopics, Collection<AmqpSubscription> subscriptions, Duration timeout) {
        List<AmqpSubscription> ordered = SnapshotTopics.ordered(subscriptions);
        List<String> queues = new ArrayList<>();
        for (AmqpSubscription subscription : ordered) {
            queues.add(Topology.queue(
                    subscription.options().topic(), subscription.options().group()));
            queues.add(Topology.queue(subscription.options().deadLetterTopic(), Topology.DEAD_LETTER_GROUP));
        }
        Channel[] open = new Channel[1];
        CompletableFuture<Map<String, AMQP.Queue.DeclareOk>> declared =
                CompletableFuture.supplyAsync(() -> declarePassively(queues, open), executor);
        try {
            Map<String, AMQP.Queue.DeclareOk> depths = declared.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new BrokerSnapshot(
                    broker,
                    Instant.now(),
                    "",
                    topics(publishedTopics, ordered, depths),
                    groups(ordered, depths),
                    NOT_SHOWN);
        } catch (ExecutionException e) {
            return local(ordered, "RabbitMQ refused: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            abort(open);
            return local(ordered, "RabbitMQ did not answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(open);
            return local(ordered, "interrupted");
        }
    }

    /** Each queue that exists, declared passively; a missing one closes the channel, so a new one follows. */
    private Map<String, AMQP.Queue.DeclareOk> declarePassively(List<String> queues, Channel[] open) {
        Map<String, AMQP.Queue.DeclareOk> declared = new HashMap<>();
        try {
            for (String queue : queues) {
                if (open[0] == null || !open[0].isOpen()) {
                    open[0] = connection.createChannel();
                }
                try {
                    declared.put(queue, open[0].queueDeclarePassive(queue));
                } catch (IOException e) {
                    if (!notFound(e)) {
                        throw e;
                    }
                }
            }
            return declared;
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        } finally {
            abort(open);
        }
    }

    private static boolean notFound(IOException e) {
        return e.getCause() instanceof com.rabbitmq.client.ShutdownSignalException signal
                && signal.getReason() instanceof AMQP.Channel.Close close
                && close.getReplyCode() == NOT_FOUND;
    }

    private static void abort(Channel[] open) {
        Channel channel = open[0];
        if (channel != null) {
            try {
                channel.abort();
            } catch (IOException e) {
                // closed already
            }
        }
    }

    private static List<BrokerSnapshot.Topic> topics(
            Set<String> published, List<AmqpSubscription> subscriptions, Map<String, AMQP.Queue.DeclareOk> depths) {
        List<BrokerSnapshot.Topic> topics = new ArrayList<>();
        SnapshotTopics.names(published, subscriptions).forEach((name, deadLetter) -> {
            AMQP.Queue.DeclareOk kept =
                    deadLetter ? depths.get(Topology.queue(name, Topology.DEAD_LETTER_GROUP)) : null;
            topics.add(new BrokerSnapshot.Topic(
                    name, deadLetter, List.of(), kept == null ? -1 : kept.getMessageCount(), -1));
        });
        return topics;
    }

    private static List<BrokerSnapshot.Group> groups(
            List<AmqpSubscription> subscriptions, Map<String, AMQP.Queue.DeclareOk> depths) {
        List<BrokerSnapshot.Group> rows = new ArrayList<>();
        for (AmqpSubscription subscription : subscriptions) {
            SubscriptionOptions<?> options = subscription.options();
            AMQP.Queue.DeclareOk queue = depths.get(Topology.queue(options.topic(), options.group()));
            rows.add(
                    queue == null
                            ? group(subscription, 0, List.of())
                            : group(
                                    subscription,
                                    queue.getConsumerCount(),
                                    List.of(new BrokerSnapshot.PartitionLag(0, -1, -1, queue.getMessageCount(), ""))));
        }
        return rows;
    }

    /** The snapshot without RabbitMQ's part: what this process knows. */
    private BrokerSnapshot local(List<AmqpSubscription> subscriptions, String error) {
        List<BrokerSnapshot.Group> rows = new ArrayList<>();
        subscriptions.forEach(subscription -> rows.add(group(subscription, 0, List.of())));
        return new BrokerSnapshot(broker, Instant.now(), error, List.of(), rows, NOT_SHOWN);
    }

    private static BrokerSnapshot.Group group(
            AmqpSubscription subscription, int consumers, List<BrokerSnapshot.PartitionLag> depth) {
        SubscriptionOptions<?> options = subscription.options();
        SubscriptionCounts counts = subscription.counts();
        return new BrokerSnapshot.Group(
                options.topic(),
                options.group(),
                options.deadLetterTopic(),
                options.concurrency(),
                subscription.paused(),
                "",
                consumers,
                counts.handledCount(),
                counts.retriedCount(),
                counts.deadLetteredCount(),
                counts.unreadableCount(),
                depth);
    }
}

package io.courier.events.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates topics on first use, when {@link KafkaSettings#createTopics()} allows it, with the
 * configured partitions and replication factor; a topic that exists is left as it is. Thread-safe.
 */
final class Topics implements AutoCloseable {

    private final KafkaSettings settings;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private Admin admin; // guarded by this

    Topics(KafkaSettings settings) {
        this.settings = settings;
    }

    /**
     * Makes sure {@code topic} exists, if topics are created on first use.
     *
     * @throws IllegalStateException if the brokers refuse, or do not answer within the block timeout
     *     (at least 30 s)
     */
    void ensure(String topic) {
        if (!settings.createTopics() || known.contains(topic)) {
            return;
        }
        Optional<Short> replication =
                settings.replicationFactor() < 0 ? Optional.empty() : Optional.of((short) settings.replicationFactor());
        NewTopic newTopic = new NewTopic(topic, Optional.of(settings.partitions()), replication);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis());
        try {
            try {
                admin().createTopics(List.of(newTopic)).all().get(timeoutMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            awaitLeaders(topic, deadline);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot create topic '" + topic + "' on " + settings.bootstrapServers() + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "cannot create topic '" + topic + "': no answer from " + settings.bootstrapServers() + " within "
                            + timeoutMillis() + " ms",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic '" + topic + "'", e);
        }
        known.add(topic);
    }

    /**
     * Waits until every partition of {@code topic} has a leader. A producer that writes to a topic the
     * moment it is created may have its first request refused (the partition is not open yet) while a
     * later one is taken, after which the idempotent producer cannot place the first one and fails
     * it after the delivery timeout (KAFKA-15591); waiting here keeps the first events of a new topic.
     */
    private void awaitLeaders(String topic, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        while (true) {
            TopicDescription description = null;
            try {
                description = admin().describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(timeoutMillis(), TimeUnit.MILLISECONDS)
                        .get(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                // created, but not in the metadata of the broker that answered yet
            }
            // The description just read, not a second one: on a cluster the next request may go to a
            // broker that does not know the topic yet, which is a reason to look again, not a failure.
            if (led(description) && writable(topic, description)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of '" + topic + "' without a leader");
            }
            Thread.sleep(20);
        }
    }

    /**
     * Whether every partition's leader answers for it: its latest offset can be listed, which the
     * metadata showing a leader does not yet promise (the partition may not be open on the broker).
     */
    private boolean writable(String topic, TopicDescription description)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description
                .partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        try {
            admin().listOffsets(latest).all().get(timeoutMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                return false;
            }
            throw e;
        }
    }

    private static boolean led(TopicDescription description) {
        return description != null
                && description.partitions().stream()
                        .allMatch(partition -> partition.leader() != null
                                && !partition.leader().isEmpty());
    }

    /** How long creating a topic may take: the block timeout, but at least 30 s for a cluster still starting. */
    private long timeoutMillis() {
        return Math.max(settings.maxBlockMillis(), 30_000L);
    }

    /** The admin client, created on first use; closed by {@link #close()}. */
    synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(settings.clientProperties(settings.application() + "-courier-admin"));
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}

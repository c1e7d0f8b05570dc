package io.courier.events.kafka;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

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
        try {
            admin().createTopics(List.of(newTopic)).all().get(timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "cannot create topic '" + topic + "' on " + settings.bootstrapServers() + ": "
                                + e.getCause().getMessage(),
                        e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "cannot create topic '" + topic + "': no answer from " + settings.bootstrapServers() + " within "
                            + settings.maxBlockMillis() + " ms",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic '" + topic + "'", e);
        }
        known.add(topic);
    }

    /** How long creating a topic may take: the block timeout, but at least 30 s for a cluster still starting. */
    private long timeoutMillis() {
        return Math.max(settings.maxBlockMillis(), 30_000L);
    }

    private synchronized Admin admin() {
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

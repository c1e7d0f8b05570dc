package io.courier.api.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link EventBroker} shows its operators at one moment ({@link EventBroker#snapshot}):
 * the topics its publishers and subscriptions use, with their partitions' offsets, and each
 * subscription's consumer group, with the group's committed offset and lag per partition as the
 * brokers keep them, and this application's own counts. Immutable.
 *
 * <p>The offsets come from the brokers; when they do not answer in time, {@code error} says why and
 * the offsets are missing (the topics and partitions lists are empty) while the local part (paused,
 * counts) is still there.
 *
 * <p>Brokers other than Kafka keep less: a number a broker cannot tell is -1 (unknown), and {@code
 * notShown} says in words what the broker does not offer and why.
 *
 * @param broker the kind of broker ({@code kafka}, {@code nats}, {@code amqp}) and where it is
 * @param takenAt when the snapshot was taken
 * @param error empty when the brokers answered, else what went wrong
 * @param topics every topic the broker publishes to or reads (dead-letter topics too), by name
 * @param subscriptions every running subscription of this broker, by topic then group
 * @param notShown what this kind of broker does not show, one sentence each; empty on Kafka
 */
public record BrokerSnapshot(
        String broker,
        Instant takenAt,
        String error,
        List<Topic> topics,
        List<Group> subscriptions,
        List<String> notShown) {

    public BrokerSnapshot {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(error, "error");
        topics = List.copyOf(topics);
        subscriptions = List.copyOf(subscriptions);
        notShown = List.copyOf(notShown);
    }

    /** A snapshot of a broker that shows everything this model holds (Kafka). */
    public BrokerSnapshot(String broker, Instant takenAt, String error, List<Topic> topics, List<Group> subscriptions) {
        this(broker, takenAt, error, topics, subscriptions, List.of());
    }

    /**
     * One topic (on NATS JetStream, its stream; on RabbitMQ, a routing key whose events only its
     * groups' queues keep).
     *
     * @param name the topic's name
     * @param deadLetter whether it is a subscription's dead-letter topic
     * @param partitions its partitions, by number; none where the broker has no partitions (RabbitMQ)
     * @param retained the events the topic keeps now, -1 when the broker cannot tell
     * @param written the events ever written to it, -1 when the broker cannot tell
     */
    public record Topic(String name, boolean deadLetter, List<Partition> partitions, long retained, long written) {
        public Topic {
            Objects.requireNonNull(name, "name");
            partitions = List.copyOf(partitions);
        }

        /**
         * A topic whose partitions number their own events (Kafka): it keeps the sum over its partitions
         * of end minus start, and was written the sum of their end offsets.
         */
        public Topic(String name, boolean deadLetter, List<Partition> partitions) {
            this(
                    name,
                    deadLetter,
                    partitions,
                    partitions.stream()
                            .mapToLong(p -> p.endOffset() - p.startOffset())
                            .sum(),
                    partitions.stream().mapToLong(Partition::endOffset).sum());
        }
    }

    /**
     * One partition of a topic. On NATS JetStream a topic's partitions share its stream's sequence
     * numbers: the offsets are the stream's.
     *
     * @param partition its number
     * @param startOffset the offset of its oldest event kept (retention moves it on)
     * @param endOffset the offset the next event will get
     */
    public record Partition(int partition, long startOffset, long endOffset) {}

    /**
     * One subscription and its consumer group.
     *
     * @param topic the topic it reads
     * @param group its consumer group
     * @param deadLetterTopic where its failed events go
     * @param concurrency how many members this subscription runs
     * @param paused whether this subscription is paused ({@link Subscription#pause()}); other
     *     subscriptions of the group, in other processes, may not be
     * @param state the group's state as the brokers see it ({@code Stable}, {@code Empty}, {@code
     *     PreparingRebalance}, ...), empty when unknown
     * @param members the group's members as the brokers see them, every process counted; -1 when the
     *     broker cannot tell (NATS JetStream)
     * @param handled events this subscription handled (counted in this process since it started)
     * @param retried failed attempts it retried
     * @param deadLettered events it sent to the dead-letter topic after their attempts (or at once,
     *     when unprocessable)
     * @param unreadable events it could not read (undecodable, or naming a class not allowed), sent to
     *     the dead-letter topic without an attempt
     * @param partitions the lag of each partition of the topic, by number; on RabbitMQ one row, the
     *     group's queue, whose lag is its depth (the events ready in it)
     */
    public record Group(
            String topic,
            String group,
            String deadLetterTopic,
            int concurrency,
            boolean paused,
            String state,
            int members,
            long handled,
            long retried,
            long deadLettered,
            long unreadable,
            List<PartitionLag> partitions) {
        public Group {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
            Objects.requireNonNull(state, "state");
            partitions = List.copyOf(partitions);
        }

        /** The group's lag on the whole topic: the sum of its partitions' known lags. */
        public long lag() {
            return partitions.stream()
                    .mapToLong(PartitionLag::lag)
                    .filter(lag -> lag >= 0)
                    .sum();
        }
    }

    /**
     * A consumer group on one partition.
     *
     * @param partition the partition's number
     * @param committedOffset the next offset the group will handle, as committed; -1 when the group
     *     has committed nothing on it (or the broker keeps no offsets)
     * @param endOffset the partition's end offset, -1 when the broker keeps no offsets
     * @param lag events published and not yet handled by the group: end minus committed; with nothing
     *     committed, end minus the partition's start offset for a group that starts from the earliest
     *     event, and -1 (unknown) for one that starts from the latest
     * @param owner the client id of the member holding the partition, empty when no member does
     */
    public record PartitionLag(int partition, long committedOffset, long endOffset, long lag, String owner) {
        public PartitionLag {
            Objects.requireNonNull(owner, "owner");
        }
    }
}

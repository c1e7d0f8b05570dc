package io.courier.events.kafka;

import io.courier.api.event.BrokerSnapshot;
import io.courier.api.event.SubscriptionOptions;
import io.courier.events.core.SnapshotTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Takes a {@link BrokerSnapshot} with Kafka's admin client: the topics' partitions and their start and
 * end offsets, each group's committed offsets, state and members, in four requests, each waited on
 * within what is left of the timeout. A lag computed here is the brokers' own: end offset minus the
 * group's committed offset, whoever holds the partition, paused or not. Called on the caller's thread.
 */
final class SnapshotReader {

    private final Admin admin;
    private final String broker;

    SnapshotReader(Admin admin, String broker) {
        this.admin = admin;
        this.broker = broker;
    }

    /** The snapshot of {@code publishedTopics} and {@code subscriptions}, within {@code timeout}. */
    BrokerSnapshot read(Set<String> publishedTopics, Collection<KafkaSubscription> subscriptions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<KafkaSubscription> ordered = SnapshotTopics.ordered(subscriptions);
        SortedMap<String, Boolean> topicNames = SnapshotTopics.names(publishedTopics, ordered);
        try {
            Offsets offsets = offsets(topicNames.keySet(), deadline);
            Set<String> groups = new TreeSet<>();
            ordered.forEach(subscription -> groups.add(subscription.options().group()));
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = committed(groups, deadline);
            Map<String, ConsumerGroupDescription> described = groups.isEmpty()
                    ? Map.of()
                    : wait(admin.describeConsumerGroups(groups).all(), deadline);
            List<BrokerSnapshot.Topic> topics = new ArrayList<>();
            topicNames.forEach((name, deadLetter) -> {
                if (offsets.partitions.containsKey(name)) {
                    topics.add(new BrokerSnapshot.Topic(name, deadLetter, offsets.partitions.get(name)));
                }
            });
            List<BrokerSnapshot.Group> rows = new ArrayList<>();
            for (KafkaSubscription subscription : ordered) {
                SubscriptionOptions<?> options = subscription.options();
                ConsumerGroupDescription group = described.get(options.group());
                rows.add(group(
                        subscription,
                        offsets.partitions.getOrDefault(options.topic(), List.of()),
                        committed.getOrDefault(options.group(), Map.of()),
                        group));
            }
            return new BrokerSnapshot(broker, Instant.now(), "", topics, rows);
        } catch (ExecutionException e) {
            return local(ordered, "the brokers refused: " + e.getCause());
        } catch (TimeoutException e) {
            return local(ordered, "the brokers did not answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return local(ordered, "interrupted");
        }
    }

    /** The snapshot without the brokers' part: what this process knows. */
    private BrokerSnapshot local(List<KafkaSubscription> subscriptions, String error) {
        List<BrokerSnapshot.Group> rows = new ArrayList<>();
        for (KafkaSubscription subscription : subscriptions) {
            rows.add(group(subscription, List.of(), Map.of(), null));
        }
        return new BrokerSnapshot(broker, Instant.now(), error, List.of(), rows);
    }

    private static BrokerSnapshot.Group group(
            KafkaSubscription subscription,
            List<BrokerSnapshot.Partition> partitions,
            Map<TopicPartition, OffsetAndMetadata> committed,
            ConsumerGroupDescription description) {
        SubscriptionOptions<?> options = subscription.options();
        Map<TopicPartition, String> owners = new HashMap<>();
        if (description != null) {
            for (MemberDescription member : description.members()) {
                member.assignment().topicPartitions().forEach(p -> owners.put(p, member.clientId()));
            }
        }
        List<BrokerSnapshot.PartitionLag> lags = new ArrayList<>();
        for (BrokerSnapshot.Partition partition : partitions) {
            TopicPartition tp = new TopicPartition(options.topic(), partition.partition());
            OffsetAndMetadata at = committed.get(tp);
            long committedOffset = at == null ? -1 : at.offset();
            long lag;
            if (at != null) {
                lag = Math.max(0, partition.endOffset() - at.offset());
            } else if (options.startFrom() == SubscriptionOptions.StartFrom.EARLIEST) {
                lag = partition.endOffset() - partition.startOffset();
            } else {
                lag = -1;
            }
            lags.add(new BrokerSnapshot.PartitionLag(
                    partition.partition(), committedOffset, partition.endOffset(), lag, owners.getOrDefault(tp, "")));
        }
        LoopState state = subscription.state();
        return new BrokerSnapshot.Group(
                options.topic(),
                options.group(),
                options.deadLetterTopic(),
                options.concurrency(),
                subscription.paused(),
                description == null ? "" : String.valueOf(description.groupState()),
                description == null ? 0 : description.members().size(),
                state.handled.sum(),
                state.retried.sum(),
                state.deadLettered.sum(),
                state.unreadable.sum(),
                lags);
    }

    /** The partitions of each topic that exists, with their start and end offsets. */
    private record Offsets(Map<String, List<BrokerSnapshot.Partition>> partitions) {}

    private Offsets offsets(Set<String> names, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, KafkaFuture<TopicDescription>> futures =
                admin.describeTopics(names).topicNameValues();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> future : futures.entrySet()) {
            TopicDescription description;
            try {
                description = wait(future.getValue(), deadline);
            } catch (ExecutionException e) {
                continue; // not created (yet): a topic no one has used shows no partitions
            }
            description.partitions().forEach(p -> {
                TopicPartition tp = new TopicPartition(future.getKey(), p.partition());
                earliest.put(tp, OffsetSpec.earliest());
                latest.put(tp, OffsetSpec.latest());
            });
        }
        ListOffsetsResult starts = admin.listOffsets(earliest);
        ListOffsetsResult ends = admin.listOffsets(latest);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> start = wait(starts.all(), deadline);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = wait(ends.all(), deadline);
        Map<String, SortedMap<Integer, BrokerSnapshot.Partition>> byNumber = new TreeMap<>();
        end.forEach((tp, info) -> byNumber.computeIfAbsent(tp.topic(), t -> new TreeMap<>())
                .put(
                        tp.partition(),
                        new BrokerSnapshot.Partition(
                                tp.partition(), start.get(tp).offset(), info.offset())));
        Map<String, List<BrokerSnapshot.Partition>> partitions = new TreeMap<>();
        byNumber.forEach((topic, numbered) -> partitions.put(topic, List.copyOf(numbered.values())));
        return new Offsets(partitions);
    }

    private Map<String, Map<TopicPartition, OffsetAndMetadata>> committed(Set<String> groups, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (groups.isEmpty()) {
            return Map.of();
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
        return wait(admin.listConsumerGroupOffsets(specs).all(), deadline);
    }

    private static <T> T wait(KafkaFuture<T> future, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}

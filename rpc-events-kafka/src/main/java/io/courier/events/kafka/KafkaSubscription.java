package io.courier.events.kafka;

import io.courier.api.event.Subscription;
import io.courier.api.event.SubscriptionOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/** The consumer loops of one subscription, each on its own thread. Thread-safe. */
final class KafkaSubscription implements Subscription {

    private final SubscriptionOptions<?> options;
    private final List<? extends ConsumerLoop<?>> loops;
    private final LoopState state;
    private final Consumer<KafkaSubscription> onClose;

    KafkaSubscription(
            SubscriptionOptions<?> options,
            List<? extends ConsumerLoop<?>> loops,
            LoopState state,
            Consumer<KafkaSubscription> onClose) {
        this.options = options;
        this.loops = List.copyOf(loops);
        this.state = state;
        this.onClose = onClose;
    }

    /** Starts every loop on a daemon thread of its own. */
    void start() {
        for (int i = 0; i < loops.size(); i++) {
            Thread thread =
                    new Thread(loops.get(i), "courier-events-" + options.topic() + "-" + options.group() + "-" + i);
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public SubscriptionOptions<?> options() {
        return options;
    }

    /** What its loops share: the pause switch and the counts. */
    LoopState state() {
        return state;
    }

    @Override
    public void pause() {
        state.paused(true);
        loops.forEach(ConsumerLoop::wakeup);
    }

    @Override
    public void resume() {
        state.paused(false);
        loops.forEach(ConsumerLoop::wakeup);
    }

    @Override
    public boolean paused() {
        return state.paused();
    }

    /** The events of the members' polled batches not finished yet, at most {@code max-poll-records} per member. */
    @Override
    public int buffered() {
        return (int) state.buffered.sum();
    }

    @Override
    public void replayFromOffset(int partition, long offset) {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException(
                    "replayFromOffset: partition " + partition + ", offset " + offset + " (expected: >= 0 each)");
        }
        TopicPartition target = new TopicPartition(options.topic(), partition);
        for (ConsumerLoop<?> loop : loops) {
            loop.command(kafka -> {
                if (kafka.assignment().contains(target)) {
                    kafka.seek(target, offset);
                }
            });
        }
    }

    @Override
    public void replayFrom(Instant time) {
        Objects.requireNonNull(time, "time");
        for (ConsumerLoop<?> loop : loops) {
            loop.command(kafka -> seekToTime(kafka, time.toEpochMilli()));
        }
    }

    private static void seekToTime(KafkaConsumer<byte[], byte[]> kafka, long millis) {
        Map<TopicPartition, Long> query = new HashMap<>();
        for (TopicPartition partition : kafka.assignment()) {
            query.put(partition, millis);
        }
        if (query.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndTimestamp> found = kafka.offsetsForTimes(query);
        for (TopicPartition partition : query.keySet()) {
            OffsetAndTimestamp at = found.get(partition);
            if (at != null) {
                kafka.seek(partition, at.offset());
            } else {
                kafka.seekToEnd(List.of(partition));
            }
        }
    }

    @Override
    public boolean close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        state.stop();
        loops.forEach(ConsumerLoop::wakeup);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean all = true;
        try {
            for (ConsumerLoop<?> loop : loops) {
                long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
                all &= loop.awaitDone(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all = false;
        }
        onClose.accept(this);
        return all;
    }
}

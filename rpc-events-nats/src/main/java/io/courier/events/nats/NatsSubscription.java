package io.courier.events.nats;

import io.courier.api.event.SubscriptionOptions;
import io.courier.events.core.SubscriptionCounts;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription on JetStream: {@code concurrency} members, partition {@code p} pulled by member
 * {@code p % concurrency} of every process running the group, and a check every second that starts
 * again what ended on its own. Pausing stops pulling (what is already pulled is given back at once);
 * a replay replaces the group's consumer of the partition, for every process of the group.
 */
final class NatsSubscription implements io.courier.api.event.Subscription {

    private static final Logger log = LoggerFactory.getLogger(NatsSubscription.class);

    private final SubscriptionOptions<?> options;
    private final GroupConsumers consumers;
    private final SubscriptionCounts counts;
    private final List<Member> members;
    private final int partitions;
    private final Consumer<NatsSubscription> onClose;
    private final ScheduledFuture<?> supervision;
    private volatile boolean paused;
    private volatile boolean closed;

    NatsSubscription(
            SubscriptionOptions<?> options,
            GroupConsumers consumers,
            SubscriptionCounts counts,
            MemberFactory factory,
            int partitions,
            ScheduledExecutorService timer,
            Consumer<NatsSubscription> onClose) {
        this.options = options;
        this.consumers = consumers;
        this.counts = counts;
        this.partitions = partitions;
        this.onClose = onClose;
        this.members = new ArrayList<>();
        int count = Math.min(options.concurrency(), partitions);
        for (int i = 0; i < count; i++) {
            List<Integer> mine = new ArrayList<>();
            for (int p = i; p < partitions; p += count) {
                mine.add(p);
            }
            this.members.add(factory.member(mine, () -> paused || closed, () -> closed));
        }
        synchronized (this) {
            members.forEach(Member::start);
        }
        this.supervision = timer.scheduleWithFixedDelay(this::supervise, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Makes the member of some partitions; {@code stopping} says when it must hand events back (paused
     * or closing), {@code closing} whether for good.
     */
    interface MemberFactory {
        Member member(List<Integer> partitions, BooleanSupplier stopping, BooleanSupplier closing);
    }

    /** At most one event per partition: JetStream sends a partition's next event once the last one is acknowledged. */
    @Override
    public int buffered() {
        return members.stream().mapToInt(Member::buffered).sum();
    }

    /** Replaces every member's pulls: those in flight were lost with the server the client left. */
    synchronized void pullAgain() {
        if (!paused && !closed) {
            members.forEach(Member::restart);
        }
    }

    /**
     * The consumer {@code consumer} of {@code stream} was deleted under this subscription's pulls: creates
     * it again from {@code startFrom} if nothing did meanwhile, and pulls it at once (the client would pull
     * again by itself only after missed heartbeats).
     */
    synchronized void consumerDeleted(String stream, String consumer) {
        if (closed || !consumers.stream().equals(stream)) {
            return;
        }
        for (int partition = 0; partition < partitions; partition++) {
            if (consumers.durable(partition).equals(consumer)) {
                recreate(partition);
            }
        }
    }

    private void recreate(int partition) {
        try {
            if (!consumers.ensure(partition)) {
                return; // a replay created it meanwhile; the pulls, bound by name, go on on it
            }
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            log.warn(
                    "cannot create the deleted consumer {} of {} again yet: {}",
                    consumers.durable(partition),
                    consumers.stream(),
                    e.toString());
            return;
        }
        log.warn(
                "the consumer {} of {} was deleted under a running subscription: created again from {}",
                consumers.durable(partition),
                consumers.stream(),
                options.startFrom());
        Member member = members.get(partition % members.size());
        member.stop(partition);
        if (!paused) {
            member.start();
        }
    }

    private synchronized void supervise() {
        if (!paused && !closed) {
            members.forEach(Member::start);
        }
    }

    GroupConsumers consumers() {
        return consumers;
    }

    SubscriptionCounts counts() {
        return counts;
    }

    int partitions() {
        return partitions;
    }

    @Override
    public SubscriptionOptions<?> options() {
        return options;
    }

    @Override
    public synchronized void pause() {
        paused = true;
        members.forEach(Member::stop);
    }

    @Override
    public synchronized void resume() {
        if (paused && !closed) {
            paused = false;
            // a consumer deleted while nothing pulled it went unnoticed: look each one up again
            members.forEach(Member::unbind);
            members.forEach(Member::start);
        }
    }

    @Override
    public boolean paused() {
        return paused;
    }

    @Override
    public synchronized void replayFromOffset(int partition, long offset) {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException(
                    "replayFromOffset: partition " + partition + ", offset " + offset + " (expected: >= 0 each)");
        }
        if (partition >= partitions || closed) {
            return;
        }
        // stream sequences start at 1
        replay(partition, () -> consumers.restartAt(partition, Math.max(1, offset)));
    }

    @Override
    public synchronized void replayFrom(Instant time) {
        Objects.requireNonNull(time, "time");
        for (int partition = 0; partition < partitions && !closed; partition++) {
            int p = partition;
            replay(p, () -> consumers.restartAt(p, time));
        }
    }

    private void replay(int partition, Restart restart) {
        Member member = members.get(partition % members.size());
        member.stop(partition);
        try {
            restart.run();
        } catch (IOException e) {
            throw new UncheckedIOException("replay of " + options.topic() + " partition " + partition, e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException(
                    "replay of " + options.topic() + " partition " + partition + ": " + e.getMessage(), e);
        } finally {
            if (!paused) {
                member.start();
            }
        }
    }

    private interface Restart {
        void run() throws IOException, JetStreamApiException;
    }

    @Override
    public boolean close(Duration timeout) {
        synchronized (this) {
            if (closed) {
                return true;
            }
            closed = true;
        }
        supervision.cancel(false);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean all = true;
        for (Member member : members) {
            all &= member.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        onClose.accept(this);
        return all;
    }
}

package io.courier.cluster.internal;

import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceInstance;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.LoadBalancer;
import io.courier.api.cluster.RouteKey;
import io.courier.api.time.Ticker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The candidates of one route that are ready ({@link Candidate#available()}: connected, not
 * ejected), with the load balancer's picker over just them, so that a call picks among ready
 * instances in one pick however many of the route's instances are dead (gRPC's READY subchannels).
 *
 * <p>The set is a snapshot, built with the route and rebuilt on the call path at most every
 * {@value #REFRESH_MILLIS} ms by one thread while the others keep using the previous one
 * ({@value #EMPTY_REFRESH_MILLIS} ms while it is empty, so that a first connection is used at
 * once). A rebuild costs one {@code available()} per candidate; a pick costs what the balancer
 * costs over the ready candidates, and nothing over the dead ones. A candidate that stopped being
 * ready since the snapshot is found by the check after the pick; one that became ready joins at the
 * next rebuild. Thread-safe; a pick allocates nothing.
 */
final class ReadySet {

    static final long REFRESH_MILLIS = 20;
    static final long EMPTY_REFRESH_MILLIS = 1;
    private static final long REFRESH_NANOS = REFRESH_MILLIS * 1_000_000;
    private static final long EMPTY_REFRESH_NANOS = EMPTY_REFRESH_MILLIS * 1_000_000;

    /** The ready candidates when built; {@code picker} is null when there are none. */
    private record Snapshot(long dueNanos, List<Candidate> ready, LoadBalancer.Picker<Candidate> picker) {}

    /** Marks a pick that found every offered candidate unavailable since the snapshot. */
    private static final Candidate STALE = new StaleMarker();

    private final List<Candidate> candidates;
    private final LoadBalancer.Picker<Candidate> allPicker;
    private final LoadBalancer loadBalancer;
    private final RouteKey key;
    private final Ticker ticker;
    private final Census census;
    private final AtomicBoolean rebuilding = new AtomicBoolean();
    private volatile Snapshot snapshot;

    ReadySet(
            List<Candidate> candidates,
            LoadBalancer.Picker<Candidate> allPicker,
            LoadBalancer loadBalancer,
            RouteKey key,
            Ticker ticker,
            Census census) {
        this.candidates = candidates;
        this.allPicker = allPicker;
        this.loadBalancer = loadBalancer;
        this.key = key;
        this.ticker = ticker;
        this.census = census;
        // Built at once, not on the first call: calls racing with a first rebuild on the call path
        // would find no ready instance and go to unconnected ones.
        this.snapshot = rebuild(new Snapshot(ticker.nanoTime(), List.of(), null));
    }

    /**
     * A ready candidate for the call that is not in {@code excluded} and can take {@code method}, or
     * {@code null} when none is.
     */
    Candidate pick(Invocation invocation, Collection<? extends Candidate> excluded) {
        Snapshot current = current();
        Candidate picked = pick(current, invocation, excluded);
        if (picked != STALE) {
            return picked;
        }
        // Every ready candidate the snapshot offered has become unavailable: rebuild now rather than
        // send calls to unconnected instances until the next rebuild is due.
        Candidate again = pick(rebuildNow(current), invocation, excluded);
        return again == STALE ? null : again;
    }

    /** A ready candidate of {@code current}, null when none is left, or {@link #STALE}. */
    private static Candidate pick(Snapshot current, Invocation invocation, Collection<? extends Candidate> excluded) {
        if (current.picker() == null) {
            return null;
        }
        Candidate picked = current.picker().pick(invocation, excluded);
        if (picked == null) {
            return null;
        }
        MethodDescriptor method = invocation.method();
        if (picked.available(method)) {
            return picked;
        }
        // Rare: the pick stopped being ready since the snapshot, or its circuit for this method is
        // open. One pass from a random start over the ready ones, not a series of re-picks.
        boolean stale = !picked.available();
        List<Candidate> ready = current.ready();
        int size = ready.size();
        int start = ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            Candidate next = ready.get((start + i) % size);
            if (next == picked || excluded.contains(next)) {
                continue;
            }
            if (next.available(method)) {
                return next;
            }
            stale |= !next.available();
        }
        return stale ? STALE : null;
    }

    private Snapshot rebuildNow(Snapshot seen) {
        if (!rebuilding.compareAndSet(false, true)) {
            return snapshot;
        }
        try {
            Snapshot current = snapshot;
            if (current == seen) {
                current = rebuild(current);
                snapshot = current;
            }
            return current;
        } finally {
            rebuilding.set(false);
        }
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (ticker.nanoTime() - current.dueNanos() >= 0 && rebuilding.compareAndSet(false, true)) {
            try {
                current = rebuild(current);
                snapshot = current;
            } finally {
                rebuilding.set(false);
            }
        }
        return current;
    }

    private Snapshot rebuild(Snapshot previous) {
        List<Candidate> ready = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            if (candidate.available()) {
                ready.add(candidate);
            }
        }
        census.tick();
        long now = ticker.nanoTime();
        if (ready.isEmpty()) {
            return new Snapshot(now + EMPTY_REFRESH_NANOS, List.of(), null);
        }
        long due = now + REFRESH_NANOS;
        if (ready.size() == candidates.size()) {
            // Everyone is ready: the route's own picker, whose state (a round-robin position) carries on.
            return new Snapshot(due, candidates, allPicker);
        }
        if (ready.equals(previous.ready())) {
            return new Snapshot(due, previous.ready(), previous.picker());
        }
        List<Candidate> frozen = List.copyOf(ready);
        return new Snapshot(due, frozen, loadBalancer.picker(frozen, key));
    }

    /** The {@link #STALE} marker; never returned to a caller. */
    private static final class StaleMarker implements Candidate {
        @Override
        public ServiceInstance instance() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Invoker invoker() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int weight() {
            return 1;
        }

        @Override
        public int inFlight() {
            return 0;
        }

        @Override
        public long averageLatencyNanos() {
            return 0;
        }
    }
}

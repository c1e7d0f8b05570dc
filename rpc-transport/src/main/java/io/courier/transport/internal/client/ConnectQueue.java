package io.courier.transport.internal.client;

import io.netty.util.Timer;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The background connects of one client, and the budget of its repeated connects.
 *
 * <ul>
 *   <li>At most {@code concurrency} background connects run at once; the others wait in line, first
 *       attempts (a new address, a lost connection) ahead of repeated ones, so that live providers
 *       are found before dead ones are tried again.
 *   <li>Repeated connects (to an address whose last connect failed), background and call-driven
 *       together, take a token from a bucket refilled at {@code ratePerSecond} and holding at most
 *       one second's worth: the refused connects per second stay bounded however many addresses are
 *       dead.
 * </ul>
 *
 * Thread-safe. Attempts start on the thread that frees a place or on the timer's thread.
 */
public final class ConnectQueue {

    private final int concurrency;
    private final double ratePerSecond;
    private final Timer timer;
    private final LongSupplier clock;
    // Guarded by this.
    private final Queue<Supplier<CompletableFuture<?>>> firsts = new ArrayDeque<>();
    private final Queue<Supplier<CompletableFuture<?>>> repeats = new ArrayDeque<>();
    private int running;
    private double tokens;
    private long refilledAtNanos;
    private boolean wakeScheduled;

    /** @param timer wakes the queue when a token is due; owned by the caller */
    public ConnectQueue(int concurrency, int ratePerSecond, Timer timer, LongSupplier clock) {
        this.concurrency = concurrency;
        this.ratePerSecond = ratePerSecond;
        this.timer = timer;
        this.clock = clock;
        this.tokens = ratePerSecond;
        this.refilledAtNanos = clock.getAsLong();
    }

    /** Runs {@code attempt}, a first connect, when a place is free. */
    public void first(Supplier<CompletableFuture<?>> attempt) {
        synchronized (this) {
            firsts.add(attempt);
        }
        drain();
    }

    /** Runs {@code attempt}, a repeated connect, when a place and a token are free. */
    public void repeat(Supplier<CompletableFuture<?>> attempt) {
        synchronized (this) {
            repeats.add(attempt);
        }
        drain();
    }

    /** Takes a token for a call-driven repeated connect; {@code false} when the budget is spent. */
    public synchronized boolean tryRepeat() {
        return takeToken();
    }

    /** Connects waiting in line now. */
    public synchronized int waiting() {
        return firsts.size() + repeats.size();
    }

    private void drain() {
        while (true) {
            Supplier<CompletableFuture<?>> next;
            synchronized (this) {
                next = nextAttempt();
                if (next == null) {
                    scheduleWake();
                    return;
                }
                running++;
            }
            CompletableFuture<?> attempt;
            try {
                attempt = next.get();
            } catch (RuntimeException e) {
                attempt = null;
            }
            if (attempt == null || attempt.isDone()) {
                synchronized (this) {
                    running--;
                }
                continue;
            }
            attempt.whenComplete((ignored, failure) -> {
                synchronized (this) {
                    running--;
                }
                drain();
            });
        }
    }

    /** Guarded by this. */
    private Supplier<CompletableFuture<?>> nextAttempt() {
        if (running >= concurrency) {
            return null;
        }
        if (!firsts.isEmpty()) {
            return firsts.poll();
        }
        if (!repeats.isEmpty() && takeToken()) {
            return repeats.poll();
        }
        return null;
    }

    /** Guarded by this. */
    private boolean takeToken() {
        long now = clock.getAsLong();
        tokens = Math.min(ratePerSecond, tokens + (now - refilledAtNanos) * ratePerSecond / 1e9);
        refilledAtNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Guarded by this: wakes the queue when the next token is due, if repeats wait for one. */
    private void scheduleWake() {
        if (wakeScheduled || repeats.isEmpty() || running >= concurrency) {
            return;
        }
        long delayNanos = (long) Math.ceil((1 - tokens) * 1e9 / ratePerSecond);
        wakeScheduled = true;
        try {
            timer.newTimeout(
                    timeout -> {
                        synchronized (this) {
                            wakeScheduled = false;
                        }
                        drain();
                    },
                    Math.max(1, delayNanos),
                    TimeUnit.NANOSECONDS);
        } catch (IllegalStateException e) {
            // The timer stopped: the client is closing.
            wakeScheduled = false;
        }
    }
}

package io.courier.filter;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.internal.CallOutcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Counts the calls this application's references have started and not yet seen answered, so that
 * closing can wait for them: once {@link #close closing}, new calls fail at once with
 * {@link ErrorCode#CLOSED} ("not executed") and the close waits, bounded, for the count to reach
 * zero before connections are closed under the calls. One per application; thread-safe, and one
 * atomic increment and decrement per call. The wiring module creates it and puts what {@link #track}
 * returns at the head of each reference's chain; it is the first link of a call, ahead of the
 * consumer filters.
 */
public final class InFlightCalls {

    private final AtomicInteger outstanding = new AtomicInteger();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean closing;

    /** {@code chain}, counted. */
    public Invoker track(Invoker chain) {
        return new Tracked(chain);
    }

    private void done() {
        if (outstanding.decrementAndGet() == 0 && closing) {
            drained.complete(null);
        }
    }

    /** Calls started and not answered yet. */
    public int outstanding() {
        return outstanding.get();
    }

    /**
     * Refuses new calls from now on and waits until the calls already started are answered, or until
     * {@code deadlineNanos} (a {@link System#nanoTime()} value).
     *
     * @return the calls still unanswered at the deadline
     */
    public int close(long deadlineNanos) {
        closing = true;
        if (outstanding.get() == 0) {
            drained.complete(null);
        }
        try {
            drained.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the caller closes the connections under whatever is left
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return outstanding.get();
    }

    /** One reference's chain, counted. */
    private final class Tracked implements Invoker {
        private final Invoker chain;
        /** One action for every call: a lambda written at the call site would be allocated per call. */
        private final BiConsumer<RpcResult, Throwable> whenDone = (result, failure) -> done();

        /** The same, for a cluster's future that runs it itself ({@link CallOutcome}): no stage per call. */
        private final Runnable onDone = InFlightCalls.this::done;

        Tracked(Invoker chain) {
            this.chain = chain;
        }

        @Override
        public CompletableFuture<RpcResult> invoke(Invocation invocation) {
            // Count first, then check: a close that saw zero cannot miss a call that got past here.
            outstanding.incrementAndGet();
            if (closing) {
                done();
                return CompletableFuture.failedFuture(
                        new RpcException(ErrorCode.CLOSED, "the application is closing; the call was not sent"));
            }
            CompletableFuture<RpcResult> answer = Invoker.invokeSafely(chain, invocation);
            if (!(answer instanceof CallOutcome outcome && outcome.whenDoneRun(onDone))) {
                answer.whenComplete(whenDone);
            }
            return answer;
        }

        @Override
        public Invoker unwrap() {
            return chain;
        }

        @Override
        public boolean available() {
            return chain.available();
        }

        @Override
        public boolean available(io.courier.api.MethodDescriptor method) {
            return chain.available(method);
        }

        @Override
        public String toString() {
            return "InFlightCalls(" + chain + ")";
        }
    }
}

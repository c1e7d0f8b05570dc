package io.courier.cluster.internal;

import io.courier.api.EndpointHealth;
import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceInstance;
import io.courier.api.cluster.Candidate;
import io.courier.api.internal.BrokenContract;
import io.courier.api.time.Ticker;
import io.courier.cluster.CircuitBreakers;
import io.courier.cluster.CircuitState;
import io.courier.cluster.ClusterOptions;
import io.courier.cluster.EndpointLease;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider endpoint as the cluster layer calls it: the invoker the transport made for it,
 * wrapped so that every call updates the in-flight count and the latency average, plus the weight
 * override from dynamic configuration and the passive-health ejection state.
 *
 * <p>Ejection (passive health checking): a failure that {@link EndpointHealth#ejects() ejects}
 * (connection-level: {@link ErrorCode#CONNECT_FAILED}, {@link ErrorCode#NETWORK}, {@link
 * ErrorCode#GOING_AWAY}, {@link ErrorCode#CLOSED}), or a fifth consecutive {@link
 * EndpointHealth#refusal() refusal} ({@link ErrorCode#SERVER_BUSY}, {@link ErrorCode#RATE_LIMITED}), makes the candidate unavailable for 1 s, doubling each time a
 * probe fails again, up to 30 s; any answer ends the series. Failures of calls that were already in
 * flight when the candidate was ejected do not extend the ejection. An expired ejection lets the next call
 * through as a probe. Refusals are counted because they are fast: without ejection, an instance
 * that refuses everything would look idle and attract more calls.
 *
 * <p>Circuit breaking: when the lease carries the reference's {@link CircuitBreakers}, the
 * candidate takes its endpoint's breakers (one per method, {@link EndpointBreakers}) and consults
 * them around each call. An open circuit refuses the call here with {@code CIRCUIT_OPEN} (not
 * executed; it counts neither as in flight nor as an outcome of the endpoint), and makes the
 * candidate unavailable for that method; outcomes count against the breaker as
 * {@link EndpointHealth#breakerFailure()} says.
 *
 * <p>An invoker that carries an {@link EndpointLease} ({@link Invoker#as(Class)}) is taken apart:
 * the candidate calls the lease's invoker itself, records each outcome in the lease's reachability,
 * and gives the lease back when it closes. So the per-endpoint state (lease, reachability,
 * ejection, circuit breakers, in-flight count, latency) is kept here, in one link of the call path.
 *
 * <p>Lifecycle: {@link #retire()} (the endpoint left the provider list) closes the wrapped invoker
 * once its in-flight calls have been answered; {@link #close()} closes it at once. The wrapped
 * invoker is closed only if it is {@link AutoCloseable}.
 */
public final class InstanceCandidate implements Candidate {

    private static final Logger log = LoggerFactory.getLogger(InstanceCandidate.class);

    /** The generation of a call no breaker admitted (breaking off); breakers count from 0. */
    private static final long NO_BREAKER = Long.MIN_VALUE;

    /** Weight of the newest sample in the latency average. */
    static final double LATENCY_ALPHA = 0.25;

    private final Invoker target;
    /** What {@link #close()} closes: the lease, or the target itself. */
    private final Object closeable;
    /** The lease whose reachability records outcomes; {@code null} when nothing is recorded. */
    private final EndpointLease recording;
    /** The endpoint's circuit breakers; {@code null} when breaking is off. */
    private final EndpointBreakers breakers;

    private final Ticker ticker;
    private final Invoker counted = new Counted();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong latencyBits = new AtomicLong(Double.doubleToRawLongBits(0.0));
    private final AtomicBoolean closed = new AtomicBoolean();

    private volatile ServiceInstance instance;
    /** The instance whose warm-up is known to be over; saves a clock read per weight() call. */
    private volatile ServiceInstance warmInstance;
    /** A weight from dynamic configuration; 0 for none. */
    private volatile int weightOverride;

    private volatile boolean retired;

    private final Ejection ejection;

    public InstanceCandidate(ServiceInstance instance, Invoker target, Ticker ticker) {
        this(instance, target, ticker, ClusterOptions.defaults());
    }

    /** With the ejection figures of {@code options}. */
    public InstanceCandidate(ServiceInstance instance, Invoker target, Ticker ticker, ClusterOptions options) {
        this.instance = instance;
        EndpointLease lease = target.as(EndpointLease.class).orElse(null);
        this.target = lease != null ? lease.invoker() : target;
        this.recording = lease != null && lease.recordsOutcomes() ? lease : null;
        this.breakers = lease == null || lease.breakers() == null
                ? null
                : lease.breakers().forEndpoint(instance.endpoint());
        this.closeable = target;
        this.ticker = ticker;
        this.ejection = new Ejection(ticker, options);
    }

    @Override
    public ServiceInstance instance() {
        return instance;
    }

    @Override
    public Invoker invoker() {
        return counted;
    }

    @Override
    public int weight() {
        ServiceInstance current = instance;
        int override = weightOverride;
        int base = override > 0 ? override : current.weight();
        if (current.warmupMillis() == 0 || warmInstance == current) {
            return base;
        }
        long uptime = ticker.currentTimeMillis() - current.startedAtMillis();
        if (uptime >= current.warmupMillis()) {
            warmInstance = current;
            return base;
        }
        return Candidate.warmupWeight(base, uptime, current.warmupMillis());
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public long averageLatencyNanos() {
        return (long) Double.longBitsToDouble(latencyBits.get());
    }

    /**
     * Not ejected, and the transport can reach the instance ({@link Invoker#available()}): an
     * instance whose connection was lost stays out of routing until the transport has reconnected in
     * the background, so that no call is sent to probe a provider that died.
     */
    @Override
    public boolean available() {
        return notEjected() && target.available();
    }

    /**
     * {@link #available()} for one method: also {@code false} while the method's circuit breaker on
     * this endpoint refuses it at once (open), or the invoker does.
     */
    @Override
    public boolean available(MethodDescriptor method) {
        return notEjected()
                && (breakers == null || breakers.admits(method, ticker.nanoTime()))
                && target.available(method);
    }

    /** The state of {@code method}'s circuit breaker here; {@code null} when breaking is off. */
    CircuitState breakerState(MethodDescriptor method) {
        return breakers == null ? null : breakers.state(method);
    }

    private boolean notEjected() {
        return !ejection.inForce();
    }

    /** Takes the metadata of a re-published instance at the same endpoint; statistics are kept. */
    public void update(ServiceInstance updated) {
        instance = updated;
    }

    /** Sets the weight from dynamic configuration, clamped to 1..10,000; {@code null} removes it. */
    public void overrideWeight(Integer weight) {
        weightOverride = weight == null ? 0 : Math.max(1, Math.min(10_000, weight));
    }

    /** The endpoint left the provider list: close the invoker once in-flight calls are answered. */
    public void retire() {
        retired = true;
        if (inFlight.get() == 0) {
            close();
        }
    }

    /** Closes the wrapped invoker now, if it is closeable. Idempotent. */
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (this.closeable instanceof AutoCloseable closing) {
            try {
                closing.close();
            } catch (Exception e) {
                log.warn("Closing the invoker of {} failed", instance.endpoint(), e);
            }
        }
    }

    /**
     * Sends one attempt and hands its outcome (the failure unwrapped) to {@code whenDone} once this
     * candidate's state (in-flight count, latency, ejection, breaker, reachability) has taken it in,
     * with no future between the transport and the strategy: the endpoint's invoker tells this
     * candidate's answer directly ({@link Invoker#invoke(Invocation, BiConsumer)}; Courier's transport
     * does it from the IO thread as it reads the response), and the answer tells {@code whenDone}.
     * Nothing can cancel such an attempt; {@link #invoker()}'s future can.
     */
    @Override
    public void invoke(Invocation invocation, BiConsumer<RpcResult, Throwable> whenDone) {
        send(invocation, whenDone);
    }

    /**
     * One attempt: the breaker's admission, the in-flight count, the call through the contract's one
     * guard ({@link Invoker#invokeSafely}, which names the endpoint's invoker if it breaks the
     * contract). With a {@code whenDone}, it is told the outcome and the returned future is not to be
     * used; without, the returned future completes with it.
     */
    private CompletableFuture<RpcResult> send(Invocation invocation, BiConsumer<RpcResult, Throwable> whenDone) {
        long start = ticker.nanoTime();
        EndpointBreakers breakers = this.breakers;
        int method = invocation.method().index();
        long generation = NO_BREAKER;
        if (breakers != null && breakers.covers(method)) {
            generation = breakers.tryAcquire(method, start);
            if (generation == EndpointBreakers.REFUSED) {
                CompletableFuture<RpcResult> refused = breakers.refuse(method);
                if (whenDone != null) {
                    refused.whenComplete(whenDone);
                }
                return refused;
            }
        }
        inFlight.incrementAndGet();
        Answer answer = new Answer(start, generation, method, breakers, whenDone);
        if (whenDone != null) {
            // Told straight from the transport (its IO thread, as it reads the answer): no future between.
            try {
                target.invoke(invocation, answer);
            } catch (RuntimeException | LinkageError e) {
                // The contract forbids it; the call fails as invokeSafely would fail it.
                BrokenContract.thrown(e, target, invocation).whenComplete(answer);
            }
            return answer;
        }
        CompletableFuture<RpcResult> attempt = Invoker.invokeSafely(target, invocation);
        answer.attempt = attempt;
        attempt.whenComplete(answer);
        return answer;
    }

    /** The candidate's invoker, named after its endpoint in failure messages. */
    private final class Counted implements Invoker {
        @Override
        public CompletableFuture<RpcResult> invoke(Invocation invocation) {
            return send(invocation, null);
        }

        @Override
        public String toString() {
            return "the invoker of " + instance.endpoint();
        }
    }

    /**
     * Records one attempt's outcome in this candidate's state (breaker first, so that it has taken it
     * in before anyone hears of it) and returns the failure unwrapped, or {@code null}.
     */
    private Throwable record(
            long start, long admitted, int method, EndpointBreakers breakers, RpcResult result, Throwable failure) {
        Throwable cause = RpcException.unwrap(failure);
        if (cause instanceof CancellationException) {
            // The caller abandoned the attempt (a hedged call's loser): it says the instance was at
            // least this slow, and nothing about its health.
            if (admitted != NO_BREAKER) {
                long now = ticker.nanoTime();
                breakers.onOutcome(method, admitted, now, now - start, null, null);
            }
            if (inFlight.decrementAndGet() == 0 && retired) {
                close();
            }
            recordLatency(ticker.nanoTime() - start);
            return cause;
        }
        if (admitted != NO_BREAKER) {
            long now = ticker.nanoTime();
            breakers.onOutcome(method, admitted, now, now - start, result, cause);
        }
        onAnswer(start, cause);
        if (recording != null) {
            recording.record(cause);
        }
        return cause;
    }

    /**
     * The action that records one attempt's outcome before anyone hears of it (so that the breaker's
     * and the health state have taken it in first), and then either completes itself, the future the
     * caller of {@link #invoker()} sees, or hands the outcome to {@code whenDone} (for {@link
     * #invoke(Invocation, BiConsumer)}, whose caller never looks at this future). One object for all
     * of it, where a future and a capturing lambda were two per call.
     */
    private final class Answer extends CompletableFuture<RpcResult> implements BiConsumer<RpcResult, Throwable> {
        private final long start;
        private final long admitted;
        private final int method;
        private final EndpointBreakers breakers;
        private final BiConsumer<RpcResult, Throwable> whenDone;
        /** The transport's future of the attempt, which a cancel of this one cancels. */
        volatile CompletableFuture<RpcResult> attempt;

        Answer(
                long start,
                long admitted,
                int method,
                EndpointBreakers breakers,
                BiConsumer<RpcResult, Throwable> whenDone) {
            this.start = start;
            this.admitted = admitted;
            this.method = method;
            this.breakers = breakers;
            this.whenDone = whenDone;
        }

        /**
         * Abandons the attempt: cancels the transport's future, which cancels the call on the wire
         * when the transport supports it (Courier's does, see docs/protocol.md section 5).
         */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            CompletableFuture<RpcResult> sent = attempt;
            if (cancelled && sent != null) {
                sent.cancel(mayInterruptIfRunning);
            }
            return cancelled;
        }

        @Override
        public void accept(RpcResult result, Throwable failure) {
            Throwable cause = record(start, admitted, method, breakers, result, failure);
            if (whenDone != null) {
                whenDone.accept(cause == null ? result : null, cause);
            } else if (cause == null) {
                complete(result);
            } else {
                completeExceptionally(cause);
            }
        }
    }

    private void onAnswer(long start, Throwable failure) {
        if (inFlight.decrementAndGet() == 0 && retired) {
            close();
        }
        if (failure == null) {
            recordLatency(ticker.nanoTime() - start);
            ejection.answered();
            return;
        }
        EndpointHealth health = EndpointHealth.of(failure);
        if (health.slow()) {
            // A timeout says the instance is at least this slow; latency-aware balancers must see it.
            recordLatency(ticker.nanoTime() - start);
        } else if (health.ejects()) {
            ejection.failed(instance.endpoint());
        } else if (health.refusal()) {
            ejection.refused(instance.endpoint());
        }
        // Refusals are not latency samples: their speed would make a refusing instance look fast.
    }

    void recordLatency(long nanos) {
        double sample = Math.max(1, nanos);
        while (true) {
            long bits = latencyBits.get();
            double old = Double.longBitsToDouble(bits);
            double next = old == 0.0 ? sample : old + LATENCY_ALPHA * (sample - old);
            if (latencyBits.compareAndSet(bits, Double.doubleToRawLongBits(next))) {
                return;
            }
        }
    }

    @Override
    public String toString() {
        return instance.endpoint().toString();
    }
}

package io.courier.cluster.scenario;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Providers simulated in this process, each with its own two-thread executor standing in for the
 * server executor. A call is queued on the provider, runs there for about {@value #SERVICE_NANOS}
 * ns (recording the ledger), then answers.
 *
 * <p>{@link #kill} is a process death: from that instant the provider starts nothing and answers
 * nothing, and every call in flight on it (queued, running, or run but unanswered) fails with a
 * {@code NETWORK} error that may have executed, exactly as a consumer sees a connection drop; new
 * calls fail with a {@code NETWORK} error that did not execute (connection refused).
 */
public final class InProcessFleet implements ProviderFleet {

    /** How long a call runs on a provider, so that calls are really in flight when one is killed. */
    static final long SERVICE_NANOS = 50_000;

    private final List<Provider> providers = new ArrayList<>();
    private final List<ServiceInstance> instances = new ArrayList<>();
    private final Ledger ledger = new Ledger();

    public InProcessFleet(int size) {
        for (int i = 0; i < size; i++) {
            providers.add(new Provider(i));
            instances.add(ServiceInstance.builder(LedgerService.KEY, Endpoint.of("127.0.0.1", 30_000 + i))
                    .build());
        }
    }

    @Override
    public List<ServiceInstance> instances() {
        return List.copyOf(instances);
    }

    @Override
    public Function<ServiceInstance, Invoker> connector() {
        return instance -> providers.get(instances.indexOf(instance))::call;
    }

    @Override
    public Ledger ledger() {
        return ledger;
    }

    @Override
    public long attempts(int provider) {
        return providers.get(provider).attempts.sum();
    }

    @Override
    public int inFlight(int provider) {
        return providers.get(provider).inFlight.size();
    }

    @Override
    public void fault(int provider, Fault fault) {
        providers.get(provider).fault = fault;
    }

    @Override
    public void kill(int provider) {
        providers.get(provider).kill();
    }

    @Override
    public long lost(int provider) {
        return providers.get(provider).lost.sum();
    }

    @Override
    public void close() {
        for (Provider provider : providers) {
            provider.kill();
        }
        for (Provider provider : providers) {
            provider.awaitStopped();
        }
    }

    /** One simulated provider process. */
    private final class Provider {
        private final int index;
        private final ExecutorService executor;
        private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
        private final LongAdder attempts = new LongAdder();
        private final LongAdder lost = new LongAdder();
        private volatile Fault fault = Fault.NONE;
        private volatile boolean killed;

        Provider(int index) {
            this.index = index;
            this.executor = Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "provider-" + index);
                thread.setDaemon(true);
                return thread;
            });
        }

        CompletableFuture<RpcResult> call(Invocation invocation) {
            if (killed) {
                return CompletableFuture.failedFuture(
                        new RpcException(ErrorCode.NETWORK, true, "connection refused by provider " + index, null));
            }
            attempts.increment();
            Fault current = fault;
            if (current == Fault.REFUSE) {
                return CompletableFuture.failedFuture(
                        new RpcException(ErrorCode.SERVER_BUSY, "provider " + index + " is busy"));
            }
            Call call = new Call(invocation, current);
            inFlight.add(call);
            try {
                executor.execute(() -> run(call));
            } catch (RejectedExecutionException e) {
                // Killed between the check and the submit: nothing ran.
                inFlight.remove(call);
                call.future.completeExceptionally(
                        new RpcException(ErrorCode.NETWORK, true, "connection refused by provider " + index, e));
            }
            if (killed) {
                // Killed while this call was being queued: it is lost like the others.
                kill();
            }
            return call.future;
        }

        private void run(Call call) {
            synchronized (call) {
                if (call.lost) {
                    return;
                }
            }
            if (killed || call.fault == Fault.HANG) {
                // A dead provider runs nothing more; kill() fails the call as lost.
                return;
            }
            long requestId = (Long) call.invocation.argument(0);
            ledger.record(index, requestId);
            LockSupport.parkNanos(SERVICE_NANOS);
            // A provider that died while running the call never answers it; kill() fails it as lost.
            if (killed || !inFlight.remove(call)) {
                return;
            }
            if (call.fault == Fault.EXECUTE_THEN_TIME_OUT) {
                call.future.completeExceptionally(new RpcException(
                        ErrorCode.TIMEOUT, "no answer from provider " + index + " within the timeout"));
            } else {
                call.future.complete(RpcResult.of(index));
            }
        }

        void kill() {
            killed = true;
            executor.shutdown();
            for (Call call : inFlight) {
                if (inFlight.remove(call)) {
                    synchronized (call) {
                        call.lost = true;
                    }
                    if (call.future.completeExceptionally(new RpcException(
                            ErrorCode.NETWORK, false, "connection to provider " + index + " lost", null))) {
                        lost.increment();
                    }
                }
            }
        }

        void awaitStopped() {
            try {
                if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("provider " + index + " did not stop");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** One call on a provider; {@code lost} is guarded by the call's monitor. */
    private static final class Call {
        final Invocation invocation;
        final Fault fault;
        final CompletableFuture<RpcResult> future = new CompletableFuture<>();
        boolean lost;

        Call(Invocation invocation, Fault fault) {
            this.invocation = invocation;
            this.fault = fault;
        }
    }
}

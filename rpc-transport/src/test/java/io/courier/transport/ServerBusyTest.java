package io.courier.transport;

import static io.courier.transport.Calls.callOptions;
import static io.courier.transport.Calls.endpoint;
import static io.courier.transport.Calls.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ErrorCode;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ServerBusyTest {

    private static final int CALLERS = 32;
    private static final int CALLS_PER_CALLER = 15;
    private static final long HANDLER_MILLIS = 100;

    @AutoClose
    private Peers peers;

    @BeforeEach
    void start() {
        TransportOptions serverOptions =
                Calls.options().executorThreads(4).executorQueueSize(0).build();
        peers = new Peers(serverOptions, ExecutorKind.POOL);
    }

    @Test
    void fullPool_refusesTheExcessAtOnceWithServerBusy() throws Exception {
        Invoker invoker = peers.client.invoker(endpoint(peers.server), callOptions(10_000));
        // Paranoid leak tracking records a stack trace at every buffer hand-over; that would be
        // most of what this test measures. Leaks on this path are checked by the other tests.
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        try {
            // The first refusals load classes and run interpreted; the bound is for a warm server.
            load(invoker, 5);
            List<String> rounds = new ArrayList<>();
            // A refusal that waited for a busy thread would take the handler's 100 ms in every
            // round; a round over the bound without that is the scheduler of a shared build
            // machine, so up to five rounds are measured.
            for (int round = 0; round < 5; round++) {
                // Start each round with an empty young generation, so that a collection pause
                // (tens of milliseconds on a starved machine) is unlikely to fall inside it.
                System.gc();
                peers.provider.executed.set(0);
                Outcome outcome = load(invoker, CALLS_PER_CALLER);

                assertThat(outcome.otherFailures).isEmpty();
                assertThat(outcome.answered.get() + outcome.refusalNanos.size()).isEqualTo(CALLERS * CALLS_PER_CALLER);
                assertThat(outcome.refusalNanos).isNotEmpty();
                assertThat(peers.provider.executed.get())
                        .as("executed == accepted")
                        .isEqualTo(outcome.answered.get());
                List<Long> sorted = new ArrayList<>(outcome.refusalNanos);
                Collections.sort(sorted);
                long p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
                rounds.add(String.format(
                        "%d refusals: p50 %d us, p90 %d us, p99 %d us",
                        sorted.size(),
                        sorted.get(sorted.size() / 2) / 1000,
                        sorted.get(sorted.size() * 9 / 10) / 1000,
                        p99 / 1000));
                // Half the handler's time: a refusal never waits for a busy thread to free up.
                if (TimeUnit.NANOSECONDS.toMillis(p99) < HANDLER_MILLIS / 2) {
                    return;
                }
            }
            throw new AssertionError("p99 of refusals not under half the handler's time in any round: " + rounds);
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
    }

    private static final class Outcome {
        final AtomicInteger answered = new AtomicInteger();
        final Queue<Long> refusalNanos = new ConcurrentLinkedQueue<>();
        final Queue<RpcException> otherFailures = new ConcurrentLinkedQueue<>();
    }

    /** {@link #CALLERS} threads each make {@code calls} calls of the 100 ms handler, one at a time. */
    private static Outcome load(Invoker invoker, int calls) throws Exception {
        Outcome outcome = new Outcome();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                done.add(callers.submit(() -> {
                    for (int i = 0; i < calls; i++) {
                        long start = System.nanoTime();
                        try {
                            invoker.invoke(sleep("call", HANDLER_MILLIS)).get(10, TimeUnit.SECONDS);
                            outcome.answered.incrementAndGet();
                        } catch (ExecutionException e) {
                            RpcException failure = Calls.rpcException(e.getCause());
                            if (failure.code() == ErrorCode.SERVER_BUSY && failure.notExecuted()) {
                                outcome.refusalNanos.add(System.nanoTime() - start);
                                // A refused caller would try another provider; here it waits a little
                                // instead, at random so that the callers do not move in lockstep.
                                Thread.sleep(20 + ThreadLocalRandom.current().nextInt(60));
                            } else {
                                outcome.otherFailures.add(failure);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> caller : done) {
                caller.get(50, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }
        return outcome;
    }
}

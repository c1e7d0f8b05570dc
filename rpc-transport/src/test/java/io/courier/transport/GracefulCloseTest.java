package io.courier.transport;

import static io.courier.transport.Calls.callOptions;
import static io.courier.transport.Calls.endpoint;
import static io.courier.transport.Calls.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ErrorCode;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class GracefulCloseTest {

    private static final int CALLERS = 16;

    @AutoClose
    private Peers peers;

    @BeforeEach
    void start() {
        peers = new Peers(
                Calls.options()
                        .executorThreads(32)
                        .shutdownTimeoutMillis(10_000)
                        .build(),
                ExecutorKind.POOL,
                Calls.options().connectionsPerEndpoint(2).build());
    }

    @Test
    void closeUnderLoad_answersEveryAcceptedCallAndRefusesTheRestUnexecuted() throws Exception {
        Invoker invoker = peers.client.invoker(endpoint(peers.server), callOptions(10_000));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        Queue<RpcException> failures = new ConcurrentLinkedQueue<>();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                done.add(callers.submit(() -> {
                    while (running.get()) {
                        try {
                            invoker.invoke(sleep("work", 20)).get(15, TimeUnit.SECONDS);
                            answered.incrementAndGet();
                        } catch (ExecutionException e) {
                            failures.add(Calls.rpcException(e.getCause()));
                            Thread.sleep(5);
                        }
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> answered.get() >= 200);

            long start = System.nanoTime();
            peers.server.close();
            long closeMillis = (System.nanoTime() - start) / 1_000_000;
            await().atMost(Duration.ofSeconds(5)).until(() -> failures.size() >= CALLERS);
            running.set(false);
            for (Future<?> caller : done) {
                caller.get(20, TimeUnit.SECONDS);
            }

            assertThat(closeMillis)
                    .as("close waits only for the accepted calls")
                    .isLessThan(5_000);
        } finally {
            running.set(false);
            callers.shutdownNow();
        }

        assertThat(peers.provider.executed.get())
                .as("every executed call was answered")
                .isEqualTo(answered.get());
        assertThat(failures).allSatisfy(failure -> {
            assertThat(failure.notExecuted()).as("%s", failure).isTrue();
            assertThat(failure.code()).isIn(ErrorCode.GOING_AWAY, ErrorCode.CONNECT_FAILED, ErrorCode.NETWORK);
        });
        assertThat(peers.client.stats().inFlight()).isZero();
    }
}

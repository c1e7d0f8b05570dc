package io.courier.grpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.bootstrap.Courier;
import io.grpc.testing.integration.Messages.SimpleRequest;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The must-show case of issue 39: a Courier consumer calls three plain grpc-java servers, each in a child
 * JVM, found through the registry (each registered with {@code call-protocol=grpc}, as a team registers a
 * service it did not write in Courier), under load from eight threads; one server is killed with SIGKILL
 * mid-run. The reference's cluster balances the calls over the three, and after the kill retries the calls
 * that were in flight on the dead server (the method is {@code @Idempotent}) and those refused by its
 * closed port (not executed) on the other two: not one call fails.
 */
@Timeout(120)
class GrpcClientFailoverTest {

    private static final Logger log = LoggerFactory.getLogger(GrpcClientFailoverTest.class);
    private static final int THREADS = 8;
    private static final int CALLS = 6_000;
    private static final int KILL_AFTER = 2_000;

    private final List<Process> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws InterruptedException {
        for (Process server : servers) {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void threeStockServers_oneKilledMidRun_noIdempotentCallFails() throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int port = freePort();
            ports.add(port);
            servers.add(ChildJvm.start(StockGrpcServer.class, "grpc-stock-server-" + i, "server-" + i, "" + port));
        }
        for (int i = 1; i <= 3; i++) {
            String logName = "grpc-stock-server-" + i;
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> ChildJvm.output(logName).contains("READY"));
        }
        ServiceKey key = ServiceKey.of(TestServiceClient.class);
        try (TestingServer zookeeper = new TestingServer(true);
                Registrar registrar = new Registrar(zookeeper.getConnectString())) {
            for (int port : ports) {
                registrar.register(key, port, Map.of(ServiceInstance.METADATA_CALL_PROTOCOL, "grpc"));
            }
            try (Courier consumer = Courier.builder()
                    .application("grpc-consumer")
                    .registry("zookeeper://" + zookeeper.getConnectString())
                    .shutdownHook(false)
                    .start()) {
                run(consumer.reference(TestServiceClient.class));
            }
        }
    }

    private void run(TestServiceClient client) throws Exception {
        Map<String, LongAdder> beforeKill = new ConcurrentHashMap<>();
        Map<String, LongAdder> afterKill = new ConcurrentHashMap<>();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        // each call holds its server for 2 ms, so calls are in flight on the server when it dies
        SimpleRequest request = SimpleRequest.newBuilder().setResponseSize(2).build();
        ExecutorService load = Executors.newFixedThreadPool(THREADS);
        long startNanos = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(load.submit(() -> {
                    while (started.incrementAndGet() <= CALLS) {
                        boolean afterTheKill = killed.get();
                        try {
                            String server = client.unaryCall(request).getHostname();
                            (afterTheKill ? afterKill : beforeKill)
                                    .computeIfAbsent(server, s -> new LongAdder())
                                    .increment();
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                        done.incrementAndGet();
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> done.get() >= KILL_AFTER || !failures.isEmpty());
            Process victim = servers.get(1);
            victim.destroyForcibly(); // SIGKILL: no GOAWAY, no FIN from the process, its calls in flight lost
            victim.waitFor(10, TimeUnit.SECONDS);
            killed.set(true);
            for (Future<?> worker : workers) {
                worker.get(90, TimeUnit.SECONDS);
            }
        } finally {
            load.shutdownNow();
            load.awaitTermination(10, TimeUnit.SECONDS);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        log.info("{} calls in {} ms; before the kill {}, after it {}", CALLS, millis, beforeKill, afterKill);

        assertThat(failures).as("failed calls").isEmpty();
        assertThat(done.get()).isEqualTo(CALLS);
        // random load balancing: each of the three took a fair share before the kill
        long before = beforeKill.values().stream().mapToLong(LongAdder::sum).sum();
        assertThat(beforeKill.keySet()).containsExactlyInAnyOrder("server-1", "server-2", "server-3");
        beforeKill.forEach((server, calls) -> assertThat(calls.sum())
                .as("calls of %s before the kill", server)
                .isGreaterThan(before / 6));
        // after it, the two left took every call, each a fair share
        assertThat(afterKill.keySet()).containsExactlyInAnyOrder("server-1", "server-3");
        long after = afterKill.values().stream().mapToLong(LongAdder::sum).sum();
        afterKill.forEach((server, calls) ->
                assertThat(calls.sum()).as("calls of %s after the kill", server).isGreaterThan(after / 4));
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

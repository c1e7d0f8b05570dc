package io.courier.transport;

import static io.courier.transport.Calls.callOptions;
import static io.courier.transport.Calls.echo;
import static io.courier.transport.Calls.later;
import static io.courier.transport.Calls.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(90)
class ServerKillTest {

    private Process process;
    private TransportClient client;
    private TransportServer restarted;
    private final TestProvider provider = new TestProvider();

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
        if (client != null) {
            client.close();
        }
        if (restarted != null) {
            restarted.close();
        }
        provider.close();
    }

    @Test
    void killedServer_failsCallsInFlightWithNetworkAtOnceAndTheClientReconnects() throws Exception {
        int port = startServerProcess();
        client = Calls.client(Calls.options().reconnectBackoff(50, 500).build());
        Invoker invoker = client.invoker(Endpoint.of("127.0.0.1", port), callOptions(30_000));
        assertThat(value(invoker.invoke(echo(new byte[] {1})), 20)).isEqualTo(new byte[] {1});

        List<CompletableFuture<RpcResult>> inFlight = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            inFlight.add(invoker.invoke(later("held", 60_000)));
        }
        // Requests on one connection arrive in order: once this answer is back, the server holds all 50.
        assertThat(value(invoker.invoke(echo(new byte[] {2})), 20)).isEqualTo(new byte[] {2});
        assertThat(client.stats().inFlight()).isEqualTo(50);

        long killed = System.nanoTime();
        process.destroyForcibly();
        for (CompletableFuture<RpcResult> call : inFlight) {
            RpcException failure = failureWithin(call, killed, 1_000);
            assertThat(failure.code()).isEqualTo(ErrorCode.NETWORK);
            assertThat(failure.notExecuted()).as("the requests were sent").isFalse();
        }
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();

        restarted = TransportServer.start(
                new InetSocketAddress("127.0.0.1", port), Calls.options().build(), Calls.SERIALIZERS, serviceTable());
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    try {
                        return invoker.invoke(echo(new byte[] {3})).get(5, TimeUnit.SECONDS) != null;
                    } catch (ExecutionException e) {
                        return false;
                    }
                });
        assertThat(client.stats().openConnections()).isEqualTo(1);
    }

    @Test
    void killedServer_failsOpenStreamsWithNetworkAtOnce() throws Exception {
        int port = startServerProcess();
        client = Calls.client(Calls.options().build());
        Invoker invoker = client.invoker(Endpoint.of("127.0.0.1", port), callOptions(30_000));
        List<Collector> streams = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Collector collector = new Collector(5, 5);
            @SuppressWarnings("unchecked")
            Flow.Publisher<Object> stream =
                    (Flow.Publisher<Object>) value(invoker.invoke(StreamProvider.call("endless")), 20);
            stream.subscribe(collector);
            streams.add(collector);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> streams.stream().allMatch(c -> c.received.get() == 5));

        long killed = System.nanoTime();
        process.destroyForcibly();
        for (Collector collector : streams) {
            try {
                collector.done.get(
                        Math.max(0, 1_000 - (System.nanoTime() - killed) / 1_000_000), TimeUnit.MILLISECONDS);
                throw new AssertionError("the stream completed on a killed provider");
            } catch (ExecutionException e) {
                RpcException failure = Calls.rpcException(e.getCause());
                assertThat(failure.code()).isEqualTo(ErrorCode.NETWORK);
                assertThat(failure.getMessage()).contains("connection closed while the stream was open");
            }
        }
        assertThat(client.streamStats().openStreams()).isZero();
    }

    private ServiceTable serviceTable() {
        ServiceTable table = new ServiceTable();
        table.add(provider.export(ExecutorKind.DIRECT));
        return table;
    }

    private static RpcException failureWithin(CompletableFuture<RpcResult> call, long sinceNanos, long millis)
            throws Exception {
        long left = millis - (System.nanoTime() - sinceNanos) / 1_000_000;
        try {
            RpcResult result = call.get(Math.max(left, 0), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure, got " + result);
        } catch (ExecutionException e) {
            return Calls.rpcException(e.getCause());
        }
    }

    private int startServerProcess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        KillableServer.class.getName(),
                        "0")
                .redirectErrorStream(true)
                .start();
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("PORT=")) {
                        return Integer.parseInt(line.substring(5));
                    }
                }
                throw new IllegalStateException("server process ended without a port");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return port.get(60, TimeUnit.SECONDS);
    }
}

package io.courier.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.protocol.serialization.Serializers;
import io.courier.protocol.testing.OpenPolicy;
import io.courier.protocol.testing.TestSerializer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Another protocol on Courier's port, through the public SPI: told apart by its first bytes, its
 * calls run on the provider path of Courier's own (executor, refusals, context, cancel before start,
 * graceful drain), and Courier's own consumers on the same port are not disturbed.
 */
@Timeout(60)
class PortProtocolTest {

    private final Provider provider = new Provider();
    private TransportServer server;
    private TransportClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(TransportOptions.Builder options) {
        ServiceTable table = new ServiceTable();
        table.add(new ServiceExport(
                Provider.KEY,
                Provider.DESCRIPTOR,
                provider,
                List.of(TestSerializer.INSTANCE),
                OpenPolicy.INSTANCE,
                ExecutorKind.POOL));
        server = TransportServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                options.ioThreads(2).heartbeatIntervalMillis(5_000).build(),
                Serializers.of(TestSerializer.INSTANCE),
                table,
                List.of(new LineProtocol()));
    }

    @Test
    void bothProtocolsOnOnePort_runOnTheServicesExecutorWithTheRequestsContext() throws Exception {
        start(TransportOptions.builder());
        try (LineClient line = new LineClient(server.port())) {
            assertThat(line.call("thread")).startsWith("OK courier-server-exec");
            assertThat(line.call("echo hello")).isEqualTo("OK hello");
            assertThat(line.call("boom bad")).isEqualTo("EXCEPTION java.lang.IllegalStateException");
            assertThat(provider.remotes).contains("127.0.0.1:" + line.localPort());

            Object courier = courierCall("echo", "over courier")
                    .get(10, TimeUnit.SECONDS)
                    .value();
            assertThat(courier).isEqualTo("over courier");
            // the line connection stays usable beside it
            assertThat(line.call("echo again")).isEqualTo("OK again");
        }
    }

    @Test
    void fullExecutor_refusesTheCallAtOnce_notExecuted() throws Exception {
        start(TransportOptions.builder().executorThreads(1).executorQueueSize(0));
        try (LineClient busy = new LineClient(server.port());
                LineClient refused = new LineClient(server.port())) {
            busy.send("CALL " + Provider.KEY + " sleep slow 1000");
            await().atMost(Duration.ofSeconds(10)).until(() -> provider.sleeping.get() == 1);
            assertThat(refused.call("echo x")).isEqualTo("ERR SERVER_BUSY true");
            assertThat(busy.read()).isEqualTo("OK slow");
            assertThat(provider.executed.get()).isEqualTo(1);
        }
    }

    @Test
    void callCancelledWhileItWaits_neverRuns() throws Exception {
        start(TransportOptions.builder().executorThreads(1).executorQueueSize(4));
        try (LineClient first = new LineClient(server.port());
                LineClient second = new LineClient(server.port())) {
            first.send("CALL " + Provider.KEY + " sleep slow 500");
            await().atMost(Duration.ofSeconds(10)).until(() -> provider.sleeping.get() == 1);
            second.send("CALL " + Provider.KEY + " echo never");
            second.send("CANCEL");
            assertThat(second.read()).isEqualTo("CANCELLED true");
            assertThat(first.read()).isEqualTo("OK slow");
            // a later call on the same connection runs, so the cancelled one had its turn and skipped it
            assertThat(second.call("echo later")).isEqualTo("OK later");
            assertThat(provider.echoed).containsExactly("later");
            assertThat(server.cancelledBeforeRun()).isEqualTo(1);
            // a port call ends after its callback has sent the answer, so the answer can arrive first
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(server.stats().inFlight()).isZero());
        }
    }

    @Test
    void gracefulClose_letsTheProtocolSayGoodbyeAndWaitsForItsCall() throws Exception {
        start(TransportOptions.builder());
        try (LineClient line = new LineClient(server.port())) {
            line.send("CALL " + Provider.KEY + " sleep draining 700");
            await().atMost(Duration.ofSeconds(10)).until(() -> provider.sleeping.get() == 1);
            long start = System.nanoTime();
            CompletableFuture<Void> closed = CompletableFuture.runAsync(server::close);
            assertThat(line.read()).isEqualTo("BYE");
            assertThat(line.call("echo late")).isEqualTo("ERR GOING_AWAY true");
            assertThat(line.read()).isEqualTo("OK draining");
            assertThat(line.read()).as("closed after its last call").isNull();
            closed.get(10, TimeUnit.SECONDS);
            server = null;
            // well inside the 10 s shutdown timeout: the close waited for the call, not for its deadline
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
        }
    }

    @Test
    void connectionThatNeverFinishesItsPreface_isClosedAtTheFrameDeadline() throws Exception {
        start(TransportOptions.builder().frameDeadlineMillis(300));
        try (LineClient line = new LineClient(server.port(), "LIN")) {
            assertThat(line.read()).isNull();
        }
        // and bytes no protocol claims go to Courier's decoder, which refuses them
        try (LineClient other = new LineClient(server.port(), "GET / HTTP/1.1\r\n\r\n")) {
            assertThat(other.read()).isNull();
        }
        assertThat(provider.executed.get()).isZero();
    }

    private CompletableFuture<RpcResult> courierCall(String method, String argument) {
        client = TransportClient.create(
                TransportOptions.builder().ioThreads(1).build(), Serializers.of(TestSerializer.INSTANCE));
        Invoker invoker = client.invoker(
                Endpoint.of("127.0.0.1", server.port()),
                CallOptions.of(TestSerializer.INSTANCE, OpenPolicy.INSTANCE, 10_000));
        return invoker.invoke(Invocation.of(Provider.KEY, Provider.method(method), new Object[] {argument}));
    }

    /** The service both protocols call. */
    public interface Lines {
        String echo(String text);

        String sleep(String tag, long millis);

        String thread();

        String boom(String message);
    }

    private static final class Provider implements Invoker {
        static final ServiceDescriptor DESCRIPTOR = ServiceDescriptor.of(Lines.class);
        static final ServiceKey KEY = ServiceKey.of(Lines.class);

        final AtomicInteger executed = new AtomicInteger();
        final AtomicInteger sleeping = new AtomicInteger();
        final Queue<String> remotes = new ConcurrentLinkedQueue<>();
        final Queue<String> echoed = new ConcurrentLinkedQueue<>();

        static io.courier.api.MethodDescriptor method(String name) {
            return DESCRIPTOR.methods().stream()
                    .filter(m -> m.name().equals(name))
                    .findFirst()
                    .orElseThrow();
        }

        @Override
        public CompletableFuture<RpcResult> invoke(Invocation invocation) {
            executed.incrementAndGet();
            remotes.add(String.valueOf(io.courier.api.RpcContext.current().remoteEndpoint()));
            return CompletableFuture.completedFuture(
                    switch (invocation.method().name()) {
                        case "echo" -> {
                            echoed.add((String) invocation.argument(0));
                            yield RpcResult.of(invocation.argument(0));
                        }
                        case "sleep" -> {
                            sleeping.incrementAndGet();
                            try {
                                Thread.sleep((Long) invocation.argument(1));
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            yield RpcResult.of(invocation.argument(0));
                        }
                        case "thread" -> RpcResult.of(Thread.currentThread().getName());
                        default -> RpcResult.ofException(new IllegalStateException((String) invocation.argument(0)));
                    });
        }
    }

    /** A client of {@link LineProtocol} on a plain socket. */
    private static final class LineClient implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final BufferedReader in;

        LineClient(int port) throws IOException {
            this(port, "LINE/1\n");
            assertThat(read()).isEqualTo("HELLO");
        }

        LineClient(int port, String preface) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out.write(preface.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        int localPort() {
            return socket.getLocalPort();
        }

        void send(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String read() throws IOException {
            try {
                return in.readLine();
            } catch (java.net.SocketException e) {
                return null; // reset by the server's close
            }
        }

        String call(String methodAndArgs) throws IOException {
            send("CALL " + Provider.KEY + " " + methodAndArgs);
            return read();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

package io.courier.transport;

import static io.courier.transport.Calls.boom;
import static io.courier.transport.Calls.callOptions;
import static io.courier.transport.Calls.echo;
import static io.courier.transport.Calls.endpoint;
import static io.courier.transport.Calls.fire;
import static io.courier.transport.Calls.later;
import static io.courier.transport.Calls.thread;
import static io.courier.transport.Calls.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RemoteException;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.protocol.serialization.Serializers;
import io.courier.protocol.testing.OpenPolicy;
import io.courier.protocol.testing.TestSerializer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(30)
class TransportBehaviourTest {

    private final TestProvider provider = new TestProvider();
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
        provider.close();
    }

    private Invoker serve(ExecutorKind executor) {
        server = Calls.server(Calls.options().build(), provider.export(executor));
        client = Calls.client(Calls.options().build());
        return client.invoker(endpoint(server), callOptions(5_000));
    }

    @Test
    void oneway_reachesTheProviderAndCompletesOnceSent() throws Exception {
        Invoker invoker = serve(ExecutorKind.POOL);

        RpcResult result = invoker.invoke(fire("ping")).get(5, TimeUnit.SECONDS);

        assertThat(result.value()).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> provider.fired.contains("ping"));
        assertThat(client.stats().inFlight()).isZero();
    }

    @Test
    void onewayThatThrows_isLoggedOnceByTheProvider() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("io.courier.transport.internal.server.RequestTask");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            Invoker invoker = serve(ExecutorKind.POOL);

            RpcResult result = invoker.invoke(fire("locked")).get(5, TimeUnit.SECONDS);
            invoker.invoke(fire("fine")).get(5, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> provider.fired.contains("fine") && !lines.list.isEmpty());

            assertThat(result.hasException()).isFalse(); // the caller is not told: no answer comes
            assertThat(lines.list).singleElement().satisfies(line -> {
                assertThat(line.getLevel()).isEqualTo(Level.WARN);
                assertThat(line.getFormattedMessage())
                        .contains("oneway call")
                        .contains(EchoService.class.getName() + "#fire")
                        .contains("java.lang.IllegalStateException: locked");
                assertThat(line.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
            });
        } finally {
            logger.detachAppender(lines);
        }
    }

    @Test
    void businessException_comesBackAsAResultNotAFailure() throws Exception {
        Invoker invoker = serve(ExecutorKind.POOL);

        RpcResult result = invoker.invoke(boom("no such user")).get(5, TimeUnit.SECONDS);

        assertThat(result.hasException()).isTrue();
        // The test serializer cannot rebuild exceptions: the caller gets class, message and stack as text.
        assertThat(result.exception())
                .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.remoteClassName())
                        .isEqualTo(IllegalStateException.class.getName()))
                .hasMessageContaining("no such user");
    }

    @Test
    void unknownService_isRefusedAsBadRequestWithoutRunning() throws Exception {
        Invoker invoker = serve(ExecutorKind.POOL);
        Invocation other = Invocation.of(
                ServiceKey.of("other", EchoService.class, "2"), Calls.method("echo"), new Object[] {new byte[] {1}});

        RpcException failure = Calls.failure(invoker.invoke(other), 5);

        assertThat(failure.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(failure.notExecuted()).isTrue();
        assertThat(failure.getMessage()).contains("unknown service 'other/" + EchoService.class.getName() + ":2'");
        assertThat(provider.executed).hasValue(0);
    }

    @Test
    void serializerTheServiceDoesNotAccept_isRefusedWithoutRunning() throws Exception {
        TestSerializer other = new TestSerializer((byte) 28);
        server = TransportServer.start(
                Calls.ANY_PORT,
                Calls.options().build(),
                Serializers.of(TestSerializer.INSTANCE, other),
                key -> provider.export(ExecutorKind.POOL));
        client = TransportClient.create(Calls.options().build(), Serializers.of(TestSerializer.INSTANCE, other));
        Invoker invoker = client.invoker(endpoint(server), CallOptions.of(other, OpenPolicy.INSTANCE, 5_000));

        RpcException failure = Calls.failure(invoker.invoke(echo(new byte[] {1})), 5);

        assertThat(failure.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(failure.notExecuted()).isTrue();
        assertThat(provider.executed).hasValue(0);
    }

    @Test
    void directExecutor_runsCallsOnTheIoThread() throws Exception {
        Invoker invoker = serve(ExecutorKind.DIRECT);

        assertThat((String) value(invoker.invoke(thread()), 5)).startsWith("courier-server-io");
    }

    @Test
    void poolExecutor_runsCallsOnThePool() throws Exception {
        Invoker invoker = serve(ExecutorKind.POOL);

        assertThat((String) value(invoker.invoke(thread()), 5)).startsWith("courier-server-exec");
    }

    @Test
    void virtualExecutor_needsJava21AndSaysSoAtStartUp() throws Exception {
        if (Runtime.version().feature() >= 21) {
            Invoker invoker = serve(ExecutorKind.VIRTUAL);
            assertThat((String) value(invoker.invoke(thread()), 5)).startsWith("courier-server-exec-virtual-");
            return;
        }
        assertThatThrownBy(() -> provider.export(ExecutorKind.VIRTUAL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("executor of " + TestProvider.KEY + ": 'virtual'")
                .hasMessageContaining("Java 21 or later");
        assertThatThrownBy(() -> Calls.server(
                        Calls.options().executor(ExecutorKind.VIRTUAL).build(), provider.export(null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("executor: 'virtual' (expected: Java 21 or later");
    }

    @Test
    void noServer_failsFastWithConnectFailedAndBacksOff() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }
        client = Calls.client(Calls.options().reconnectBackoff(5_000, 10_000).build());
        Invoker invoker = client.invoker(Endpoint.of("127.0.0.1", freePort), callOptions(5_000));

        RpcException first = Calls.failure(invoker.invoke(echo(new byte[1])), 5);
        long start = System.nanoTime();
        RpcException second = Calls.failure(invoker.invoke(echo(new byte[1])), 5);

        assertThat(first.code()).isEqualTo(ErrorCode.CONNECT_FAILED);
        assertThat(first.notExecuted()).isTrue();
        assertThat(second.code()).isEqualTo(ErrorCode.CONNECT_FAILED);
        assertThat(second.getMessage()).contains("1 failed attempts, next in");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
    }

    @Test
    void connectionsPerEndpoint_spreadsCallsOverThatManyConnections() throws Exception {
        server = Calls.server(Calls.options().build(), provider.export(ExecutorKind.DIRECT));
        client = Calls.client(Calls.options().build());
        Invoker invoker = client.invoker(endpoint(server), callOptions(5_000).withConnections(3));
        // A call whose slot is not connected yet starts that connect and goes over a ready connection,
        // so on a loaded machine a quick burst once went over the first alone: call until all three are up.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            value(invoker.invoke(echo(new byte[] {-1})), 5);
            return client.stats(endpoint(server)).openConnections() == 3;
        });

        for (int i = 0; i < 30; i++) {
            value(invoker.invoke(echo(new byte[] {(byte) i})), 5);
        }

        assertThat(new HashSet<>(provider.remotes)).hasSize(3);
        assertThat(client.stats().openConnections()).isEqualTo(3);
        assertThat(client.stats(endpoint(server)).openConnections()).isEqualTo(3);
        assertThat(client.stats(Endpoint.of("127.0.0.1", 1)).openConnections()).isZero();
        assertThat(server.stats().openConnections()).isEqualTo(3);
    }

    @Test
    void closingTheClient_failsCallsInFlightWithNetworkAndLaterCallsWithClosed() throws Exception {
        Invoker invoker = serve(ExecutorKind.DIRECT);
        value(invoker.invoke(echo(new byte[1])), 5);
        CompletableFuture<RpcResult> held = invoker.invoke(later("held", 30_000));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().inFlight() == 1);

        client.close();

        RpcException inFlight = Calls.failure(held, 5);
        assertThat(inFlight.code()).isEqualTo(ErrorCode.NETWORK);
        assertThat(inFlight.notExecuted()).isFalse();
        assertThat(Calls.failure(invoker.invoke(echo(new byte[1])), 5).code()).isEqualTo(ErrorCode.CLOSED);
    }

    @Test
    void providerContext_carriesTheCallersAddress() throws Exception {
        Invoker invoker = serve(ExecutorKind.POOL);

        value(invoker.invoke(echo(new byte[1])), 5);

        assertThat(List.copyOf(provider.remotes)).singleElement().asString().startsWith("127.0.0.1:");
    }

    @Test
    void serviceExport_refusesAnEmptySerializerList() {
        assertThatThrownBy(() -> new ServiceExport(
                        TestProvider.KEY,
                        ServiceDescriptor.of(EchoService.class),
                        provider,
                        List.of(),
                        OpenPolicy.INSTANCE,
                        null))
                .hasMessage("serializers: [] (expected: at least one serializer)");
    }

    @Test
    void requestWithABudget_isStampedWithItsLocalReceiveTime_replacingAnyFromTheWire() throws Exception {
        Invoker invoker = serve(ExecutorKind.POOL);
        long before = System.nanoTime();
        value(
                invoker.invoke(echo(new byte[] {1})
                        .withAttachments(Map.of("courier.deadline-ms", "1000", RpcContext.RECEIVED_NANOS, "12345"))),
                10);
        long after = System.nanoTime();
        value(invoker.invoke(echo(new byte[] {2})), 10);

        List<Map<String, String>> served = List.copyOf(provider.served);
        assertThat(served).hasSize(4);
        for (Map<String, String> attachments : served.subList(0, 2)) {
            long stamp = Long.parseLong(attachments.get(RpcContext.RECEIVED_NANOS));
            assertThat(stamp - before).isPositive();
            assertThat(after - stamp).isPositive();
        }
        assertThat(served.subList(2, 4))
                .allSatisfy(attachments -> assertThat(attachments).doesNotContainKey(RpcContext.RECEIVED_NANOS));
    }
}

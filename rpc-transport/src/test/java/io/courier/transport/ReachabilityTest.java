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
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client knows, without sending calls, whether a provider can be reached: a lost connection is
 * replaced in the background, and the invoker is unavailable from the loss until that succeeds.
 */
@Timeout(60)
class ReachabilityTest {

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

    @Test
    void providerGone_makesTheInvokerUnavailableWithoutACall_andBackAvailableWhenItReturns() throws Exception {
        server = Calls.server(Calls.options().build(), provider.export(ExecutorKind.POOL));
        int port = server.port();
        client = Calls.client(Calls.options().reconnectBackoff(20, 200).build());
        Invoker invoker = client.invoker(Calls.endpoint(server), callOptions(5_000));
        await().atMost(Duration.ofSeconds(10))
                .alias("a new endpoint is connected in the background")
                .until(invoker::available);
        assertThat(value(invoker.invoke(echo(new byte[] {1})), 20)).isEqualTo(new byte[] {1});

        server.close(0);
        server = null;
        await().atMost(Duration.ofSeconds(10)).until(() -> !invoker.available());

        server = TransportServer.start(
                new InetSocketAddress("127.0.0.1", port),
                Calls.options().build(),
                Calls.SERIALIZERS,
                table(provider.export(ExecutorKind.POOL)));
        await().atMost(Duration.ofSeconds(10)).until(invoker::available);
        assertThat(value(invoker.invoke(echo(new byte[] {2})), 20)).isEqualTo(new byte[] {2});
    }

    @Test
    void connectionGoingAway_isUnavailable_andNewCallsFailGoingAwayNotExecuted() throws Exception {
        server = Calls.server(Calls.options().build(), provider.export(ExecutorKind.POOL));
        client = Calls.client(Calls.options().build());
        Endpoint endpoint = Calls.endpoint(server);
        Invoker invoker = client.invoker(endpoint, callOptions(10_000));
        CompletableFuture<RpcResult> accepted = invoker.invoke(later("accepted", 3_000));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.stats().inFlight() == 1);

        TransportServer closing = server;
        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> closing.close(10_000));
        await().atMost(Duration.ofSeconds(10)).until(() -> !invoker.available());
        RpcException refused = Calls.failure(invoker.invoke(echo(new byte[] {3})), 10);

        assertThat(refused.code()).isEqualTo(ErrorCode.GOING_AWAY);
        assertThat(refused.notExecuted()).isTrue();
        assertThat(value(accepted, 20)).isEqualTo("accepted");
        closed.get();
        server = null;
    }

    private static ServiceTable table(ServiceExport service) {
        ServiceTable table = new ServiceTable();
        table.add(service);
        return table;
    }
}

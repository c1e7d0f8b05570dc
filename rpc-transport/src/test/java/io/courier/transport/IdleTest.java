package io.courier.transport;

import static io.courier.transport.Calls.callOptions;
import static io.courier.transport.Calls.echo;
import static io.courier.transport.Calls.endpoint;
import static io.courier.transport.Calls.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Invoker;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class IdleTest {

    private final TestProvider provider = new TestProvider();
    private TransportServer server;
    private TransportClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
        provider.close();
    }

    @Test
    void silentRawConnection_isClosedAfterThreeHeartbeatIntervals() throws Exception {
        server = Calls.server(
                Calls.options().heartbeatIntervalMillis(200).build(), provider.export(ExecutorKind.DIRECT));
        try (RawPeers peers = new RawPeers()) {
            long start = System.nanoTime();
            List<SocketChannel> silent = peers.open(server.port(), 1);

            assertThat(peers.awaitClosed(silent, 5_000)).isEqualTo(1);
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(550L, 5_000L);
        }
    }

    @Test
    void idleClient_keepsItsConnectionForTenSecondsThroughHeartbeats() throws Exception {
        // 1 s heartbeats (a 3 s idle limit): with 500 ms a loaded CI machine once went 1.5 s without
        // running the ping and the connection was replaced.
        TransportOptions options =
                Calls.options().heartbeatIntervalMillis(1_000).build();
        server = Calls.server(options, provider.export(ExecutorKind.DIRECT));
        client = Calls.client(options);
        Invoker invoker = client.invoker(endpoint(server), callOptions(5_000));
        assertThat(value(invoker.invoke(echo(new byte[] {1})), 5)).isEqualTo(new byte[] {1});

        // Ten seconds is ten heartbeat intervals and more than three idle limits.
        await().during(Duration.ofSeconds(10))
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        client.stats().openConnections() == 1 && server.stats().openConnections() == 1);
        assertThat(value(invoker.invoke(echo(new byte[] {2})), 5)).isEqualTo(new byte[] {2});

        List<String> callers = new ArrayList<>(provider.remotes);
        assertThat(callers).hasSize(2);
        assertThat(callers.get(1)).as("same client port: no reconnect").isEqualTo(callers.get(0));
    }
}

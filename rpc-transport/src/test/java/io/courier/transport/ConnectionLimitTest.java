package io.courier.transport;

import static io.courier.transport.Calls.callOptions;
import static io.courier.transport.Calls.echo;
import static io.courier.transport.Calls.endpoint;
import static io.courier.transport.Calls.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Invoker;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ConnectionLimitTest {

    @AutoClose
    private Peers peers;

    @BeforeEach
    void start() {
        peers = new Peers(Calls.options().maxConnections(4).build(), ExecutorKind.DIRECT);
    }

    @Test
    void connectionsBeyondTheLimit_areClosedAtOnceWhileExistingClientsCarryOn() throws Exception {
        Invoker invoker = peers.client.invoker(endpoint(peers.server), callOptions(5_000));
        assertThat(value(invoker.invoke(echo(new byte[] {1})), 5)).isEqualTo(new byte[] {1});

        try (RawPeers raw = new RawPeers()) {
            List<SocketChannel> admitted = raw.open(peers.server.port(), 3);
            List<SocketChannel> excess = raw.open(peers.server.port(), 5);

            long start = System.nanoTime();
            assertThat(raw.awaitClosed(excess, 2_000)).isEqualTo(5);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
            for (int i = 0; i < 20; i++) {
                assertThat(value(invoker.invoke(echo(new byte[] {(byte) i})), 5))
                        .isEqualTo(new byte[] {(byte) i});
            }
            assertThat(raw.awaitClosed(admitted, 300))
                    .as("admitted peers stay open")
                    .isZero();
            assertThat(peers.server.stats().openConnections()).isEqualTo(4);
        }
    }
}

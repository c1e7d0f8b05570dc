package io.courier.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class DeadPortsTest {

    @Test
    void aHeldPortRefusesConnections_andNoServerCanTakeIt_untilClosed() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int port;
        try (DeadPorts dead = DeadPorts.hold(3)) {
            assertThat(dead.ports()).hasSize(3).doesNotHaveDuplicates();
            port = dead.ports().get(0);
            try (Socket client = new Socket()) {
                assertThatThrownBy(() -> client.connect(new InetSocketAddress(loopback, port), 2_000))
                        .isInstanceOf(ConnectException.class);
            }
            // a server socket sets SO_REUSEADDR, as Netty's do: still refused the port
            assertThatThrownBy(() -> {
                        try (ServerSocket server = new ServerSocket()) {
                            server.setReuseAddress(true);
                            server.bind(new InetSocketAddress(loopback, port));
                        }
                    })
                    .isInstanceOf(BindException.class);
        }
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(loopback, port));
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }
}

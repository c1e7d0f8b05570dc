package io.courier.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.gateway.fixtures.OrderDesk;
import io.netty.channel.DefaultEventLoopGroup;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A gateway on the caller's event loops, which also run the application's connections to providers. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GatewayEventLoopsTest {

    static GatewayFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = GatewayFixture.start();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void closingAGatewayOnTheCallersLoops_closesItsConnections_andLeavesTheLoopsRunning() throws Exception {
        Gateway second = Gateway.start(
                fixture.edge,
                GatewayOptions.builder()
                        .host("127.0.0.1")
                        .port(0)
                        .eventLoops(fixture.loops)
                        .build());
        try (Socket socket = new Socket("127.0.0.1", second.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /" + OrderDesk.class.getName() + "/add HTTP/1.1\r\n"
                            + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n[40, 2]")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = readUntil(in, "\r\n\r\n42");
            assertThat(answer).startsWith("HTTP/1.1 200");

            second.close();

            // the keep-alive connection is closed with the gateway, though its loop runs on
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(fixture.loops.isShuttingDown()).isFalse();
        assertThat(fixture.post("/" + OrderDesk.class.getName() + "/add", "[1, 2]")
                        .body())
                .isEqualTo("3");
    }

    @Test
    void eventLoops_mustBeEpollOrNio() {
        DefaultEventLoopGroup local = new DefaultEventLoopGroup(1);
        try {
            assertThatThrownBy(() -> GatewayOptions.builder().eventLoops(local).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("eventLoops: io.netty.channel.DefaultEventLoopGroup");
        } finally {
            local.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Reads until {@code end} has been read (bounded by the socket's timeout). */
    private static String readUntil(InputStream in, String end) throws Exception {
        StringBuilder read = new StringBuilder();
        while (!read.toString().endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("connection closed after " + read);
            }
            read.append((char) b);
        }
        return read.toString();
    }
}

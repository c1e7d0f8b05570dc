package io.courier.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo's gateway when its preferred port is taken. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DemoGatewayTest {

    @Test
    void preferredPortTaken_startsOnAFreePort() throws Exception {
        try (TestingServer zooKeeper = new TestingServer(true);
                ServerSocket holder = holdPreferredPort();
                DemoGateway gateway = DemoGateway.start("zookeeper://" + zooKeeper.getConnectString(), List.of())) {
            assertThat(gateway.base()).startsWith("http://127.0.0.1:").doesNotEndWith(":" + DemoGateway.PREFERRED_PORT);
        }
    }

    /** The preferred port, held here; {@code null} when another process holds it already. */
    private static ServerSocket holdPreferredPort() {
        try {
            return new ServerSocket(DemoGateway.PREFERRED_PORT, 1, InetAddress.getLoopbackAddress());
        } catch (IOException taken) {
            return null;
        }
    }
}

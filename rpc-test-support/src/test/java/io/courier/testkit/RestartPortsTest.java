package io.courier.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartPortsTest {

    @Test
    void picks_areBelowTheEphemeralRange_distinct_andFreeOnLoopback() throws Exception {
        int ephemeralStart = RestartPorts.ephemeralStart();
        List<Integer> picks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            picks.add(RestartPorts.pick());
        }
        assertThat(picks).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port)
                .isGreaterThanOrEqualTo(10_000)
                .isLessThan(ephemeralStart));
        for (int port : picks.subList(0, 5)) {
            try (ServerSocket server = new ServerSocket()) {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                assertThat(server.getLocalPort()).isEqualTo(port);
            }
        }
    }
}

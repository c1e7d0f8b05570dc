package io.courier.dubbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.bootstrap.Courier;
import io.courier.dubbo.stock.DubboLoadMain;
import io.courier.dubbo.stock.DubboProviderMain;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Dubbo 3's default discovery: a stock Dubbo consumer in its default mode ({@code APPLICATION_FIRST},
 * no migration rule) whose service's Dubbo provider registers application-level instances (Dubbo 3's
 * default {@code register-mode=all}) finds a Courier provider too, because Courier registers in Dubbo's
 * application-level layout as well ({@code courier.dubbo.register-mode=all}, the default): it spreads
 * its calls over both, and keeps calling with no failure when the Courier provider closes gracefully.
 */
@Timeout(300)
class DubboApplicationDiscoveryTest {

    private static final String LOAD = "app-discovery-load";

    @Test
    void defaultModeConsumer_findsTheCourierProvider_besideADubbo3Provider() throws Exception {
        Process dubbo = null;
        Process load = null;
        Courier courier = null;
        try (TestingServer zookeeper = new TestingServer(true)) {
            String zk = zookeeper.getConnectString();
            dubbo = DubboJvm.start(DubboProviderMain.class, "app-discovery-dubbo", zk, DubboJvm.freePort(), "all");
            DubboConsumerTest.awaitDubboRegistration(zookeeper, 1);
            courier = DubboConsumerTest.provider(zookeeper, new AccountsService("courier"));
            DubboConsumerTest.awaitDubboRegistration(zookeeper, 2);
            awaitApplicationInstances(zookeeper, "accounts", 1);

            load = DubboJvm.start(DubboLoadMain.class, LOAD, zk, "2");
            LoadProgress.awaitAtLeast(LOAD, 200, 200);

            // the Courier provider leaves gracefully: its application-level instance goes first
            courier.close();
            courier = null;
            awaitApplicationInstances(zookeeper, "accounts", 0);
            LoadProgress left = LoadProgress.of(LOAD);
            LoadProgress.awaitAtLeast(LOAD, left.dubbo() + 500, 0);

            load.getOutputStream().write("stop\n".getBytes(StandardCharsets.US_ASCII));
            load.getOutputStream().flush();
            assertThat(load.waitFor(60, TimeUnit.SECONDS)).as("the load ended").isTrue();
            String result = DubboJvm.lines(LOAD).stream()
                    .filter(line -> line.startsWith("RESULT "))
                    .findFirst()
                    .orElseThrow();
            assertThat(result).contains(" failed=0 ");
        } finally {
            if (courier != null) {
                courier.close();
            }
            for (Process process : new Process[] {load, dubbo}) {
                if (process != null) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static void awaitApplicationInstances(TestingServer zookeeper, String application, int count)
            throws Exception {
        try (CuratorFramework client =
                CuratorFrameworkFactory.newClient(zookeeper.getConnectString(), new RetryOneTime(100))) {
            client.start();
            String path = "/services/" + application;
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                if (client.checkExists().forPath(path) == null) {
                    return count == 0;
                }
                return client.getChildren().forPath(path).size() == count;
            });
        }
    }
}

package io.courier.dubbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.bootstrap.Courier;
import io.courier.dubbo.stock.DubboLoadMain;
import io.courier.dubbo.stock.DubboProviderMain;
import java.io.IOException;
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
 * The move of one service, as a team would do it, under a stock Dubbo consumer's steady load (its own
 * JVM): a stock Dubbo provider serves; a Courier provider of the same interface joins and the consumer
 * spreads its calls over both (a mixed pool); the Dubbo provider stops gracefully and the Courier one
 * serves alone; then the roll-back, a Dubbo provider again and the Courier one closed gracefully. The
 * consumer sees no failed call in all of it.
 */
@Timeout(300)
class DubboMigrationTest {

    private static final String LOAD = "migration-load";

    @Test
    void dubboProviderReplacedByCourier_andBack_underLoad_withNoFailedCall() throws Exception {
        Process dubbo = null;
        Process load = null;
        Process dubboAgain = null;
        Courier courier = null;
        try (TestingServer zookeeper = new TestingServer(true)) {
            String zk = zookeeper.getConnectString();
            dubbo = DubboJvm.start(DubboProviderMain.class, "migration-dubbo-1", zk, DubboJvm.freePort(), "all");
            awaitReady("migration-dubbo-1");
            DubboConsumerTest.awaitDubboRegistration(zookeeper, 1);
            load = DubboJvm.start(DubboLoadMain.class, LOAD, zk, "4");
            LoadProgress.awaitAtLeast(LOAD, 200, 0);

            // Dubbo 3 providers register application-level instances too (register-mode "all", the default),
            // and a consumer in its default APPLICATION_FIRST mode then uses those only: Courier's interface-level
            // entry would be ignored. So, as the migration guide says, the operator first moves the consumer to
            // interface-level discovery with Dubbo's own migration rule, live, in ZooKeeper.
            forceInterfaceDiscovery(zookeeper, "stock-dubbo-load");
            awaitReady(LOAD, "Migrated to FORCE_INTERFACE");

            // a Courier provider joins: the Dubbo consumer spreads its calls over both
            courier = DubboConsumerTest.provider(zookeeper, new AccountsService("courier"));
            DubboConsumerTest.awaitDubboRegistration(zookeeper, 2);
            LoadProgress joined = progress();
            LoadProgress.awaitAtLeast(LOAD, joined.dubbo() + 200, joined.courier() + 200);

            // the Dubbo provider stops gracefully (SIGTERM: Dubbo's own shutdown): Courier serves alone
            dubbo.destroy();
            assertThat(dubbo.waitFor(60, TimeUnit.SECONDS))
                    .as("the Dubbo provider stopped")
                    .isTrue();
            DubboConsumerTest.awaitDubboRegistration(zookeeper, 1);
            LoadProgress migrated = progress();
            LoadProgress.awaitAtLeast(LOAD, 0, migrated.courier() + 500);

            // roll back: a Dubbo provider again, then the Courier provider closes gracefully
            dubboAgain = DubboJvm.start(DubboProviderMain.class, "migration-dubbo-2", zk, DubboJvm.freePort(), "all");
            awaitReady("migration-dubbo-2");
            DubboConsumerTest.awaitDubboRegistration(zookeeper, 2);
            LoadProgress both = progress();
            LoadProgress.awaitAtLeast(LOAD, both.dubbo() + 200, 0);
            courier.close();
            courier = null;
            DubboConsumerTest.awaitDubboRegistration(zookeeper, 1);
            LoadProgress rolledBack = progress();
            LoadProgress.awaitAtLeast(LOAD, rolledBack.dubbo() + 500, 0);

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
            for (Process process : new Process[] {load, dubbo, dubboAgain}) {
                if (process != null) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Dubbo's migration rule for {@code application}: interface-level addresses only. */
    private static void forceInterfaceDiscovery(TestingServer zookeeper, String application) throws Exception {
        try (CuratorFramework client =
                CuratorFrameworkFactory.newClient(zookeeper.getConnectString(), new RetryOneTime(100))) {
            client.start();
            client.create()
                    .creatingParentsIfNeeded()
                    .forPath(
                            "/dubbo/config/DUBBO_SERVICEDISCOVERY_MIGRATION/" + application + ".migration",
                            ("key: " + application + "\nstep: FORCE_INTERFACE\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static LoadProgress progress() throws IOException {
        return LoadProgress.of(LOAD);
    }

    private static void awaitReady(String logName) {
        awaitReady(logName, "READY");
    }

    private static void awaitReady(String logName, String text) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> DubboJvm.lines(logName).stream().anyMatch(line -> line.contains(text)));
    }
}

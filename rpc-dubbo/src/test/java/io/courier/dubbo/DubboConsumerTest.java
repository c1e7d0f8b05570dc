package io.courier.dubbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.bootstrap.Courier;
import io.courier.dubbo.fixture.Accounts;
import io.courier.dubbo.stock.DubboConsumerMain;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stock Apache Dubbo 3.3 consumer, in its own JVM, finds a Courier provider through ZooKeeper (Dubbo's
 * own layout, no direct URL) and calls it over the {@code dubbo} protocol: sync, a bean, async, a business
 * exception arriving as its own class, attachments both ways, a timeout, and 10,000 calls from 16 threads
 * with none failed.
 */
@Timeout(240)
class DubboConsumerTest {

    @Test
    void stockDubboConsumer_callsACourierProviderFoundInZooKeeper() throws Exception {
        try (TestingServer zookeeper = new TestingServer(true);
                Courier provider = provider(zookeeper, new AccountsService("courier"))) {
            awaitDubboRegistration(zookeeper, 1);

            List<String> results = DubboJvm.run(
                    DubboConsumerMain.class, "dubbo-consumer", 200, zookeeper.getConnectString(), "10000", "16");

            assertThat(results)
                    .containsExactly(
                            "RESULT sync ok",
                            "RESULT bean ok",
                            "RESULT async ok",
                            "RESULT exception ok",
                            "RESULT attachments ok",
                            "RESULT timeout ok",
                            "RESULT load ok");
        }
    }

    static Courier provider(TestingServer zookeeper, AccountsService service) {
        return provider(zookeeper, service, "all");
    }

    /** A Courier provider registered in Dubbo's layout as {@code registerMode} says. */
    static Courier provider(TestingServer zookeeper, AccountsService service, String registerMode) {
        return Courier.builder()
                .application("accounts")
                .registry("zookeeper://" + zookeeper.getConnectString())
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .property("courier.server.advertised-host", "127.0.0.1")
                .property("courier.dubbo.register", Accounts.class.getName())
                .property("courier.dubbo.register-mode", registerMode)
                .export(service)
                .start();
    }

    /** Waits until Dubbo's layout lists {@code count} providers of {@link Accounts}. */
    static void awaitDubboRegistration(TestingServer zookeeper, int count) throws Exception {
        try (CuratorFramework client =
                CuratorFrameworkFactory.newClient(zookeeper.getConnectString(), new RetryOneTime(100))) {
            client.start();
            String providers = "/dubbo/" + Accounts.class.getName() + "/providers";
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> client.checkExists().forPath(providers) != null
                            && client.getChildren().forPath(providers).size() == count);
        }
    }
}

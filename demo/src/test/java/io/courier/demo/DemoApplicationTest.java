package io.courier.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo's steps, as the README's command runs them (without its final {@code System.exit}). */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DemoApplicationTest {

    @Test
    void directConnection_succeeds() {
        assertThatCode(DemoApplication::directConnection).doesNotThrowAnyException();
    }

    @Test
    void shortShopRun_passesEverySummaryCheck() throws Exception {
        List<ShopReport.Check> checks = DemoApplication.shop("embedded", Duration.ofSeconds(6));

        // eleven checks of the shop (the server stream of order events, the OrderPlaced events handled
        // once by each subscriber and the traces among them) and one order placed through its HTTP gateway
        assertThat(checks)
                .extracting(ShopReport.Check::name)
                .contains(
                        "every order's OrderPlaced event was handled exactly once by inventory-service and by"
                                + " notification-service",
                        "one trace from an HTTP request through the gateway, order-service and the OrderPlaced event"
                                + " to both subscribers");
        assertThat(checks).hasSize(12).allSatisfy(check -> assertThat(check.passed())
                .as(check.name() + ": " + check.detail())
                .isTrue());
    }

    @Test
    void shop_runsAgainstAnExternalZooKeeper() throws Exception {
        try (TestingServer zookeeper = new TestingServer(true);
                ShopSystem shop = ShopSystem.start("zookeeper://" + zookeeper.getConnectString(), new ShopStats())) {
            ShopScenario.waitUntilEveryInstanceServes(shop);

            assertThat(shop.orders.placeOrder(2, "lamp", 1).customer()).isEqualTo("Alan Turing");
        }
    }

    @Test
    void options_defaultToTheEmbeddedRegistry_andAcceptAnExternalOne() {
        assertThat(DemoApplication.Options.parse())
                .isEqualTo(new DemoApplication.Options(
                        "embedded", Duration.ofSeconds(DemoApplication.DEFAULT_DURATION_SECONDS)));
        assertThat(DemoApplication.Options.parse("--zookeeper", "127.0.0.1:2181", "--duration-seconds", "5"))
                .isEqualTo(new DemoApplication.Options("zookeeper://127.0.0.1:2181", Duration.ofSeconds(5)));
        assertThatThrownBy(() -> DemoApplication.Options.parse("--zookeeper", "zk1"))
                .hasMessage("--zookeeper: 'zk1' (expected: host:port[,host:port], e.g. 127.0.0.1:2181)");
        assertThatThrownBy(() -> DemoApplication.Options.parse("--duration-seconds", "1"))
                .hasMessage("--duration-seconds: '1' (expected: an integer 5 to 600)");
    }
}

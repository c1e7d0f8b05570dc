package io.courier.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.bootstrap.Courier;
import io.courier.bootstrap.config.RegistryKeys;
import io.courier.bootstrap.config.SettingsKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The application's settings over a real ZooKeeper (Curator's TestingServer, one for the class). */
@Timeout(60)
class AppSettingsZooKeeperTest extends AppSettingsContract {

    private static TestingServer server;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        server = new TestingServer(true);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        server.close();
    }

    @Override
    String address() {
        return "zookeeper://" + server.getConnectString();
    }

    @Test
    void registryDown_startsOnTheCachedDocument_andFollowsItWhenItReturns() throws Exception {
        try (Courier first = start(new SimpleMeterRegistry(), Map.of())) {
            adminSet(shop(10, true));
            Supplier<ShopSettings> shop = first.settings().bind(ShopSettings.class);
            await().atMost(Duration.ofSeconds(1)).until(() -> shop.get().discountPercent() == 10);
        }
        server.stop();
        Map<String, String> quick = Map.of(
                RegistryKeys.REGISTRY_CONNECTION_TIMEOUT_MILLIS.name(), "300",
                SettingsKeys.POLL_INTERVAL_MILLIS.name(), "200");
        try (LogCapture log = new LogCapture("io.courier.bootstrap.internal.appconfig");
                Courier second = start(new SimpleMeterRegistry(), quick)) {
            Supplier<ShopSettings> shop = second.settings().bind(ShopSettings.class);
            assertThat(shop.get().discountPercent()).isEqualTo(10);
            assertThat(log.messages("WARN")).anySatisfy(line -> assertThat(line)
                    .contains("start on the last good document of application:shop")
                    .contains("registry.cache.settings"));

            server.restart();
            adminSet(shop(12, true));
            await().atMost(Duration.ofSeconds(5)).until(() -> shop.get().discountPercent() == 12);
        }
    }

    // registry-neutral (the store's watch, or DocumentStore.current): run once, here

    @Test
    void logLevel_raisedAndLoweredThroughTheCentre() {
        Logger logger = LoggerFactory.getLogger("io.shop.checkout");
        try (Courier courier = start(new SimpleMeterRegistry(), Map.of());
                LogCapture lines = new LogCapture("io.shop.checkout")) {
            logger.debug("before");
            adminSet("version: 1\nsettings:\n  logging.level.io.shop.checkout: DEBUG\n");
            await().atMost(Duration.ofSeconds(1)).until(() -> {
                logger.debug("raised");
                return lines.messages("DEBUG").contains("raised");
            });
            adminSet("version: 1\n");
            await().atMost(Duration.ofSeconds(1)).until(() -> !logger.isDebugEnabled());
            logger.debug("lowered");
            assertThat(lines.messages("DEBUG")).doesNotContain("before", "lowered");
        }
    }

    @Test
    void polling_seesAChangeWithinTheInterval() {
        try (Courier courier = start(
                new SimpleMeterRegistry(),
                Map.of(SettingsKeys.WATCH.name(), "false", SettingsKeys.POLL_INTERVAL_MILLIS.name(), "300"))) {
            Supplier<ShopSettings> shop = courier.settings().bind(ShopSettings.class);
            adminSet(shop(40, true));
            await().atMost(Duration.ofMillis(300 + 500)).until(() -> shop.get().discountPercent() == 40);
        }
    }
}

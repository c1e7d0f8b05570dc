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
            assertThat(log.messages("WARN"))
                    .anySatisfy(line -> assertThat(line)
                            .contains("start on the last good document of application:shop")
                            .contains("registry.cache.settings"));

            server.restart();
            adminSet(shop(12, true));
            await().atMost(Duration.ofSeconds(5)).until(() -> shop.get().discountPercent() == 12);
        }
    }
}

package io.courier.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.config.ConfigCentre;
import io.courier.config.ConfigCentreOptions;
import io.courier.config.ConfigScope;
import io.courier.spring.boot.autoconfigure.settings.ShopApplication;
import io.courier.spring.boot.autoconfigure.settings.ShopProperties;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The configuration centre's application settings in a Spring Boot application over a real ZooKeeper
 * (Curator's TestingServer): a {@code PropertySource} above {@code application.properties}, a JavaBean
 * {@code @ConfigurationProperties} bean rebound on each change written through the centre, a value
 * that does not bind refused (the bean stays), and {@code @Value} fixed at injection.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CentreSettingsTest {

    private static final ConfigScope SHOP = ConfigScope.application("shop");

    @Test
    void configurationPropertiesFollowTheCentre_valueStaysFixed() throws Exception {
        try (TestingServer zooKeeper = new TestingServer(true);
                ConfigCentre centre = ConfigCentre.connect(
                        "zookeeper://" + zooKeeper.getConnectString(), ConfigCentreOptions.defaults(), 10_000)) {
            write(centre, "shop.discount-percent: 10");
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopApplication.class)
                    .properties(
                            "courier.application.name=shop",
                            "courier.registry.address=zookeeper://" + zooKeeper.getConnectString(),
                            "courier.server.host=127.0.0.1",
                            "courier.server.port=0",
                            "shop.discount-percent=5",
                            "shop.new-checkout=true")
                    .run()) {
                ShopProperties shop = context.getBean(ShopProperties.class);
                Environment environment = context.getEnvironment();
                // the centre is above application.properties (here: the application's default properties)
                assertThat(shop.getDiscountPercent()).isEqualTo(10);
                assertThat(shop.isNewCheckout()).isTrue();
                assertThat(context.getBean(ShopApplication.Banner.class).discountAtStart)
                        .isEqualTo(10);

                long writtenAt = System.nanoTime();
                write(centre, "shop.discount-percent: 20\n    shop.new-checkout: false");
                await().atMost(Duration.ofSeconds(1))
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> shop.getDiscountPercent() == 20);
                System.out.println("[spring-settings] written through the centre, rebound "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - writtenAt) + " ms later");
                assertThat(shop.isNewCheckout()).isFalse();
                assertThat(environment.getProperty("shop.discount-percent")).isEqualTo("20");

                // does not bind to an int: the Environment shows the text, the bean keeps its last good values
                write(centre, "shop.discount-percent: lots\n    shop.new-checkout: true");
                await().atMost(Duration.ofSeconds(1))
                        .until(() -> "lots".equals(environment.getProperty("shop.discount-percent")));
                assertThat(shop.getDiscountPercent()).isEqualTo(20);
                assertThat(shop.isNewCheckout()).isFalse();

                // removed from the centre: the value below it is in force again
                write(centre, "shop.new-checkout: false");
                await().atMost(Duration.ofSeconds(1)).until(() -> shop.getDiscountPercent() == 5);
                assertThat(context.getBean(ShopApplication.Banner.class).discountAtStart)
                        .isEqualTo(10);
            }
        }
    }

    private static void write(ConfigCentre centre, String settings) {
        centre.write(SHOP, "version: 1\nsettings:\n    " + settings + "\n", "test", "", ConfigCentre.ANY_VERSION);
    }
}

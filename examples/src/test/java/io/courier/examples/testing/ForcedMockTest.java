package io.courier.examples.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.bootstrap.Courier;
import io.courier.examples.guide.Shop;
import io.courier.examples.guide.UserService;
import io.courier.examples.guide.UserServiceFallback;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** docs/testing.md, section 3: a dependency that is down in development, forced onto a mock by configuration. */
class ForcedMockTest {

    @Test
    void forcedMock_answersWithoutAnyProvider_andShowsItsGauge() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Courier shopApp = Courier.builder()
                .application("shop")
                .shutdownHook(false)
                .meterRegistry(meters)
                .property(
                        "courier.service." + UserService.class.getName() + ".mock",
                        "force:" + UserServiceFallback.class.getName())
                .start()) {
            Shop shop = shopApp.inject(new Shop());

            assertThat(shop.nameOf(1)).isEqualTo("(unavailable)");
            assertThat(meters.get("courier.reference.mock.forced")
                            .tag("service", UserService.class.getName())
                            .gauge()
                            .value())
                    .isEqualTo(1.0);
        }
    }
}

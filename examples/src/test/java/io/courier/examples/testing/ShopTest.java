package io.courier.examples.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.examples.guide.Shop;
import io.courier.examples.guide.User;
import io.courier.examples.guide.UserNotFoundException;
import io.courier.examples.guide.UserService;
import io.courier.test.CourierTest;
import io.courier.test.MockProvider;
import io.courier.test.Provide;
import io.courier.test.TestCourier;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** docs/testing.md, section 1: the shop tested against a mock user service, over real sockets. */
@CourierTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShopTest {

    @Provide
    MockProvider<UserService> users = MockProvider.of(UserService.class);

    Shop shop;

    @BeforeEach
    void injectTheShop(TestCourier courier) {
        shop = courier.consumer().inject(new Shop());
    }

    @Test
    void nameOf_answersWithTheUsersName() throws Exception {
        users.when(u -> u.find(1)).thenReturn(new User(1, "Ada"));

        assertThat(shop.nameOf(1)).isEqualTo("Ada");
        assertThat(users.calls("find")).singleElement().satisfies(call -> assertThat(call.argument(0))
                .isEqualTo(1L));
    }

    @Test
    void nameOf_passesTheProvidersBusinessExceptionOn() throws Exception {
        users.when(u -> u.find(2)).thenThrow(new UserNotFoundException(2));

        assertThatThrownBy(() -> shop.nameOf(2)).isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void slowProvider_makesTheCanaryReferenceFallBack() throws Exception {
        // canaryUsers times out after 500 ms and retries once; its fallback answers "(unavailable)"
        users.when(u -> u.find(3)).delayedBy(Duration.ofSeconds(2)).thenReturn(new User(3, "Grace"));

        assertThat(shop.canaryUsers().find(3).name()).isEqualTo("(unavailable)");
    }
}

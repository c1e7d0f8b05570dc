package io.courier.examples.testing;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.examples.guide.Shop;
import io.courier.examples.guide.User;
import io.courier.examples.guide.UserNotFoundException;
import io.courier.examples.guide.UserService;
import io.courier.test.CourierTest;
import io.courier.test.MockProvider;
import io.courier.test.Provide;
import io.courier.test.RecordedCall;
import io.courier.test.TestCourier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** docs/testing.md, sections 1 and 2: the shop against a mock user service that fails or is slow. */
@CourierTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShopFailuresTest {

    @Provide
    MockProvider<UserService> users = MockProvider.of(UserService.class);

    Shop shop;

    @BeforeEach
    void injectTheShop(TestCourier courier) {
        shop = courier.consumer().inject(new Shop());
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

    @Test
    void theStubsOfTheTestingPage_answerOverTheNetwork() throws Exception {
        // region stubs
        users.when(u -> u.find(1)).thenReturn(new User(1, "Ada")); // these arguments
        users.when(u -> u.find(2)).thenThrow(new UserNotFoundException(2)); // the consumer gets it as itself
        users.whenAny("search").thenAnswer(call -> completedFuture(List.of())); // any arguments
        users.when(u -> u.find(3)).delayedBy(Duration.ofSeconds(2)).thenReturn(new User(3, "Grace"));
        users.whenCalled(u -> u.touch(9)).thenThrow(new IllegalStateException("locked")); // void methods
        // endregion

        assertThat(shop.nameOf(1)).isEqualTo("Ada");
        assertThatThrownBy(() -> shop.nameOf(2)).isInstanceOf(UserNotFoundException.class);
        assertThat(shop.users().search("A").get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(users.calls()).extracting(RecordedCall::methodName).containsExactly("find", "find", "search");
        users.reset();
        assertThat(users.calls()).isEmpty();
    }
}

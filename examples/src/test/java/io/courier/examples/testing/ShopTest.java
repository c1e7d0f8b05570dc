package io.courier.examples.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.examples.guide.Shop;
import io.courier.examples.guide.User;
import io.courier.examples.guide.UserService;
import io.courier.test.CourierTest;
import io.courier.test.MockProvider;
import io.courier.test.Provide;
import io.courier.test.TestCourier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@CourierTest
class ShopTest {

    @Provide
    MockProvider<UserService> users = MockProvider.of(UserService.class);

    Shop shop;

    @BeforeEach
    void injectTheShop(TestCourier courier) {
        shop = courier.consumer().inject(new Shop()); // fills Shop's @Reference fields
    }

    @Test
    void nameOf_answersWithTheUsersName() throws Exception {
        users.when(u -> u.find(1)).thenReturn(new User(1, "Ada"));

        assertThat(shop.nameOf(1)).isEqualTo("Ada");
        assertThat(users.calls("find")).singleElement().satisfies(call -> assertThat(call.argument(0))
                .isEqualTo(1L));
    }
}

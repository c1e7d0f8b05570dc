package io.courier.test;

import io.courier.bootstrap.Courier;
import io.courier.test.fixtures.Accounts;
import org.junit.jupiter.api.Test;

/** Run by {@link CourierExtensionTest}: the same test as {@link LeakingConnectionSample}, closing its consumer. */
@CourierTest
class ClosingSample {

    @Provide
    MockProvider<Accounts> accounts = MockProvider.of(Accounts.class);

    @Test
    void callsThroughAConsumerItCloses(TestCourier courier) {
        accounts.whenAny("echo").thenReturn("hello");
        try (Courier consumer = courier.application("careful").start()) {
            consumer.reference(Accounts.class).echo("hi");
        }
    }
}

package io.courier.test;

import io.courier.bootstrap.Courier;
import io.courier.test.fixtures.Accounts;
import org.junit.jupiter.api.Test;

/** Run by {@link CourierExtensionTest}: a test that starts a consumer of its own and never closes it. */
@CourierTest
class LeakingConnectionSample {

    /** The application the test leaked, for the outer test to close. */
    static volatile Courier leaked;

    @Provide
    MockProvider<Accounts> accounts = MockProvider.of(Accounts.class);

    @Test
    void callsThroughAConsumerItNeverCloses(TestCourier courier) {
        accounts.whenAny("echo").thenReturn("hello");
        leaked = courier.application("forgetful").start();
        leaked.reference(Accounts.class).echo("hi");
    }
}

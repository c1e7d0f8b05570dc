package io.courier.test;

import io.courier.api.Reference;
import io.courier.test.fixtures.Accounts;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One of two classes that run at the same time, export the same service and must not see each other's. */
@CourierTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IsolatedRightSample {

    @Provide
    MockProvider<Accounts> accounts = MockProvider.of(Accounts.class);

    @Reference
    Accounts client;

    @Test
    void seesOnlyItsOwnProvider_whileTheOtherClassRuns() throws InterruptedException {
        Isolation.check("right", accounts, client);
    }
}

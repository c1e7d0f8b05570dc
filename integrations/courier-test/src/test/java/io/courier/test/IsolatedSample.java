package io.courier.test;

import io.courier.api.Reference;
import io.courier.test.fixtures.Accounts;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The body of {@link IsolatedLeftSample} and {@link IsolatedRightSample}: two test classes that run
 * at the same time, export the same service and must not see each other's (see {@link Isolation}).
 */
@CourierTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class IsolatedSample {

    @Provide
    MockProvider<Accounts> accounts = MockProvider.of(Accounts.class);

    @Reference
    Accounts client;

    /** What this class's provider answers. */
    abstract String side();

    @Test
    void seesOnlyItsOwnProvider_whileTheOtherClassRuns() throws InterruptedException {
        Isolation.check(side(), accounts, client);
    }
}

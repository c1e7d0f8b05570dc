package io.courier.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.test.fixtures.Accounts;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What {@link IsolatedLeftSample} and {@link IsolatedRightSample} both check. Each waits for the other to
 * have its provider up (so they certainly overlap; without parallel execution the wait times out and
 * fails), then calls its reference many times: with a shared registry, the random load balancer would
 * send about half the calls to the other class's provider.
 */
final class Isolation {

    private static final CountDownLatch BOTH_UP = new CountDownLatch(2);

    private Isolation() {}

    static void check(String side, MockProvider<Accounts> accounts, Accounts client) throws InterruptedException {
        accounts.whenAny("echo").thenReturn(side);
        BOTH_UP.countDown();
        assertThat(BOTH_UP.await(30, TimeUnit.SECONDS))
                .as("the other isolation test class ran at the same time (parallel execution is on in this module)")
                .isTrue();
        for (int i = 0; i < 40; i++) {
            assertThat(client.echo("who")).isEqualTo(side);
        }
        assertThat(accounts.calls("echo")).hasSize(40);
    }
}

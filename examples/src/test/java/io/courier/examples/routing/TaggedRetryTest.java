package io.courier.examples.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.ErrorCode;
import io.courier.api.Export;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import io.courier.examples.guide.InMemoryUserService;
import io.courier.examples.guide.UserService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Routing as docs/user-guide.md section 7 says: a tagged call that times out on the canary is
 * retried on the canary, not on a stable instance; and {@code @Export} finds the service interface
 * through a superclass ({@code class ... extends InMemoryUserService}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaggedRetryTest {

    /** A canary that answers {@link #instance()} slower than the consumer waits, once switched. */
    @Export(tags = "canary")
    static class SlowCanary extends InMemoryUserService {
        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean slow;

        SlowCanary() {
            super("canary");
        }

        @Override
        public String instance() {
            calls.incrementAndGet();
            if (slow) {
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.instance();
        }
    }

    /** A stable instance that counts its calls. */
    @Export
    static class CountingStable extends InMemoryUserService {
        final AtomicInteger calls = new AtomicInteger();

        CountingStable() {
            super("stable");
        }

        @Override
        public String instance() {
            calls.incrementAndGet();
            return super.instance();
        }
    }

    /** The example: a versioned implementation that inherits its interface. */
    @Export(group = "g1", version = "2.0")
    static class VersionedUserService extends InMemoryUserService {}

    private final List<Courier> applications = new ArrayList<>();

    @AfterEach
    void closeAll() {
        for (int i = applications.size() - 1; i >= 0; i--) {
            applications.get(i).close();
        }
    }

    private Courier provider(Object implementation) {
        Courier courier = Courier.builder()
                .application("user-service")
                .registry("embedded")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .export(implementation)
                .start();
        applications.add(courier);
        return courier;
    }

    @Test
    void timedOutCanaryCall_isRetriedOnTheCanary_notOnAStableInstance() {
        SlowCanary canary = new SlowCanary();
        CountingStable stable = new CountingStable();
        provider(canary);
        provider(stable);
        Courier consumer = Courier.builder()
                .application("shop")
                .registry("embedded")
                .shutdownHook(false)
                .start();
        applications.add(consumer);
        UserService canaryUsers = consumer.reference(
                UserService.class,
                ReferenceOptions.builder()
                        .timeoutMillis(500)
                        .retries(1)
                        .tag("canary")
                        .build());
        UserService users = consumer.reference(UserService.class);
        await().atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .until(() -> canaryUsers.instance().equals("canary")
                        && users.instance().equals("stable"));
        int canaryBefore = canary.calls.get();
        int stableBefore = stable.calls.get();
        canary.slow = true;
        try {
            assertThatThrownBy(canaryUsers::instance)
                    .isInstanceOfSatisfying(
                            RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
        } finally {
            canary.release.countDown();
        }

        assertThat(canary.calls.get() - canaryBefore)
                .as("both attempts on the canary")
                .isEqualTo(2);
        assertThat(stable.calls.get() - stableBefore)
                .as("no attempt on the stable instance")
                .isZero();
    }

    @Test
    void export_findsTheServiceInterfaceThroughASuperclass() {
        Courier provider = provider(new VersionedUserService());
        Courier consumer = Courier.builder()
                .application("shop")
                .registry("embedded")
                .shutdownHook(false)
                .start();
        applications.add(consumer);

        UserService users = consumer.reference(
                UserService.class,
                ReferenceOptions.builder()
                        .group("g1")
                        .version("2.0")
                        .required(true)
                        .build());

        assertThat(users.instance()).isEqualTo("users");
        assertThat(provider.port()).isPositive();
    }
}

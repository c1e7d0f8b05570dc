package io.courier.test;

import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import io.courier.test.internal.RegistrationProbe;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until a test provider's services can be found through the registry, so that the first call
 * of a test does not fail with {@code NO_PROVIDER}: a provider registers asynchronously, the probe
 * service it exports last answers only once it is registered.
 */
final class RegistrationWait {

    static final Duration LIMIT = Duration.ofSeconds(15);

    private RegistrationWait() {}

    /** The implementation the provider exports after the test's services. */
    static RegistrationProbe probe() {
        return new Probe();
    }

    /**
     * Calls the probe through {@code consumer} until it answers.
     *
     * @throws IllegalStateException if it does not within {@link #LIMIT}
     */
    static void await(Courier consumer) {
        RegistrationProbe probe = consumer.reference(RegistrationProbe.class);
        long deadline = System.nanoTime() + LIMIT.toNanos();
        RpcException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (probe.registered()) {
                    return;
                }
            } catch (RpcException e) {
                last = e;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new IllegalStateException("the test's provider was not found in the registry within " + LIMIT, last);
    }

    private static final class Probe implements RegistrationProbe {
        @Override
        public boolean registered() {
            return true;
        }
    }
}

package io.courier.bootstrap.internal.lifecycle;

import io.courier.api.registry.Registry;
import io.courier.bootstrap.internal.provider.ProviderSide;
import io.courier.bootstrap.internal.registry.ProviderRegistrations;
import io.courier.filter.InFlightCalls;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order in which an application stops, so that no call it accepted or started is lost:
 *
 * <ol>
 *   <li>stop following the registry's provider lists: the references keep the providers they know
 *       (this application's own included, which answers until its server closes), so that its own
 *       withdrawal below is not reported as providers vanishing from a reachable host;
 *   <li>leader-only services step down: each is deregistered, then leaves its election, so that the
 *       next leader registers while this one drains;
 *   <li>withdraw every registration: consumers that follow the registry stop choosing this provider,
 *       let their calls in flight finish and close their connections;
 *   <li>wait, up to {@code courier.shutdown.unregister-wait-millis}, for those connections to close
 *       (not for this application's own references' connections to its server: they follow no
 *       registry now, and are told below like every consumer still connected);
 *   <li>tell the consumers still connected that the provider is going away, stop accepting
 *       connections and requests (a request that arrives now is refused "not executed", so the
 *       consumer sends it elsewhere), and answer every request already accepted;
 *   <li>close what has not drained by the deadline, the connections and the executors;
 *   <li>on the consumer side, refuse new calls and wait for the outstanding ones to be answered;
 *   <li>close the references, the client, the filters' shared objects, then the coordination (the
 *       application's remaining locks, leases and elections are released and their holders told),
 *       and last the registry client.
 * </ol>
 *
 * Every wait shares one deadline, {@code courier.shutdown.timeout-millis} after the start, so that
 * closing takes at most that long plus the few milliseconds of tearing down threads.
 */
public final class ShutdownSequence {

    private static final Logger log = LoggerFactory.getLogger(ShutdownSequence.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /**
     * What one application closes, in {@link #run} order; any part may be {@code null} or empty.
     * {@code ownConnections} counts the server's connections that this application's own client
     * opened (a service calling itself), which the wait for consumers leaving does not wait for.
     */
    record Parts(
            Runnable stopFollowingRegistry,
            ProviderRegistrations registrations,
            ProviderSide server,
            IntSupplier ownConnections,
            List<AutoCloseable> providerResources,
            InFlightCalls consumerCalls,
            List<AutoCloseable> consumerResources,
            AutoCloseable client,
            AutoCloseable shared,
            Registry registry,
            List<AutoCloseable> leaderOnlyServices,
            AutoCloseable coordination) {}

    private final long timeoutMillis;
    private final long unregisterWaitMillis;

    ShutdownSequence(long timeoutMillis, long unregisterWaitMillis) {
        this.timeoutMillis = timeoutMillis;
        this.unregisterWaitMillis = unregisterWaitMillis;
    }

    void run(Parts parts) {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        if (parts.stopFollowingRegistry() != null) {
            parts.stopFollowingRegistry().run();
        }
        closeAll(parts.leaderOnlyServices());
        boolean followed = parts.registrations().withdraw();
        ProviderSide server = parts.server();
        if (server != null) {
            if (followed) {
                awaitConsumersLeaving(
                        server,
                        parts.ownConnections() == null ? () -> 0 : parts.ownConnections(),
                        Math.min(deadline, start + TimeUnit.MILLISECONDS.toNanos(unregisterWaitMillis)));
            }
            int open = server.openConnections();
            long remaining = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            server.close(remaining);
            log.info(
                    "Server closed {} ms after the shutdown began ({} connection(s) were told it is going away)",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                    open);
        }
        closeAll(parts.providerResources());
        if (parts.consumerCalls() != null) {
            int left = parts.consumerCalls().close(deadline);
            if (left > 0) {
                log.warn(
                        "{} call(s) of this application's references were still unanswered at the shutdown"
                                + " deadline; closing their connections fails them",
                        left);
            }
        }
        closeAll(parts.consumerResources());
        Infrastructure.closeQuietly(parts.client());
        Infrastructure.closeQuietly(parts.shared());
        Infrastructure.closeQuietly(parts.coordination());
        Infrastructure.closeQuietly(parts.registry());
    }

    /**
     * Waits until every other application's consumer closed its connection (they follow the
     * registry), or the deadline.
     */
    private static void awaitConsumersLeaving(ProviderSide server, IntSupplier ownConnections, long deadlineNanos) {
        long start = System.nanoTime();
        int open;
        while ((open = server.openConnections() - ownConnections.getAsInt()) > 0
                && deadlineNanos - System.nanoTime() > 0) {
            LockSupport.parkNanos(Math.min(POLL_NANOS, deadlineNanos - System.nanoTime()));
        }
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (open == 0) {
            log.info("Left the registry; every other consumer closed its connection within {} ms", waited);
        } else {
            log.info("Left the registry; {} connection(s) still open after {} ms", open, waited);
        }
    }

    private static void closeAll(List<AutoCloseable> resources) {
        if (resources == null) {
            return;
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            Infrastructure.closeQuietly(resources.get(i));
        }
    }
}

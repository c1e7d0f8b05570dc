package io.courier.transport.internal.client;

import io.courier.api.Endpoint;
import io.courier.transport.ReconnectPolicy;
import io.courier.transport.internal.channel.Backoff;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One address's failed connects since its last success: how many, when the next attempt may go
 * ({@link Backoff}: exponential with jitter), and, for a pool that connects in the background, since
 * when it has refused: past the policy's {@code staleAfterMillis} the address is demoted and tried
 * only every {@code staleRetryMillis}, until a connect succeeds. Guarded by its {@link EndpointPool}.
 */
final class ConnectFailures {

    private static final Logger log = LoggerFactory.getLogger(ConnectFailures.class);

    private final Endpoint endpoint;
    private final Backoff backoff;
    private final long staleAfterNanos;
    private final long staleRetryMillis;
    /** Whether the address may be demoted (its pool connects in the background). */
    private final boolean demotes;

    private int count;
    private long retryAtNanos;
    private long failingSinceNanos;
    private boolean demoted;

    ConnectFailures(Endpoint endpoint, Backoff backoff, ReconnectPolicy policy, boolean demotes) {
        this.endpoint = endpoint;
        this.backoff = backoff;
        this.staleAfterNanos = TimeUnit.MILLISECONDS.toNanos(policy.staleAfterMillis());
        this.staleRetryMillis = policy.staleRetryMillis();
        this.demotes = demotes;
    }

    /** Failed connects since the last success. */
    int count() {
        return count;
    }

    /** Whether the address has refused connections for longer than the policy's bound. */
    boolean demoted() {
        return demoted;
    }

    /** How long until the next attempt may go, at {@code now} (not positive: it may go). */
    long waitNanos(long now) {
        return retryAtNanos - now;
    }

    /** A connect failed at {@code now}, with {@code random} in [0, 1): the rest before the next, in ms. */
    long failed(long now, double random) {
        if (count == 0) {
            failingSinceNanos = now;
        }
        count++;
        long delayMillis = backoff.delayMillis(count, random);
        if (now - failingSinceNanos >= staleAfterNanos && demotes) {
            delayMillis =
                    Math.max(delayMillis, staleRetryMillis - (long) (staleRetryMillis * backoff.jitter() * random));
            if (!demoted) {
                demoted = true;
                log.info(
                        "{} has refused connections for {} s; demoted: tried again every {} s until it answers",
                        endpoint,
                        TimeUnit.NANOSECONDS.toSeconds(now - failingSinceNanos),
                        TimeUnit.MILLISECONDS.toSeconds(staleRetryMillis));
            }
        }
        retryAtNanos = now + TimeUnit.MILLISECONDS.toNanos(delayMillis);
        return delayMillis;
    }

    /** A connect succeeded: the record starts again. */
    void succeeded() {
        if (demoted) {
            demoted = false;
            log.info("{} answers again after {} failed connects", endpoint, count);
        }
        count = 0;
    }
}

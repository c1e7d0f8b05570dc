package io.courier.events.nats;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.support.Status;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the NATS client reports, through SLF4J rather than its default java.util.logging. A pull
 * ending with 409 (its consumer replaced by a replay, or the server leaving) is expected: the
 * subscription starts pulling again within a second, so it is logged at debug. Messages discarded
 * because the client's outgoing queue is full (its server reading more slowly than it is published
 * to) are logged at the first and then once in {@value #DISCARDS_PER_LOG}.
 */
final class NatsErrors implements ErrorListener {

    private static final Logger log = LoggerFactory.getLogger(NatsErrors.class);
    static final int DISCARDS_PER_LOG = 1_000;

    private final AtomicLong discarded = new AtomicLong();

    @Override
    public void errorOccurred(Connection connection, String error) {
        log.warn("NATS server error: {}", error);
    }

    @Override
    public void exceptionOccurred(Connection connection, Exception exception) {
        log.warn("NATS client: {}", exception.toString());
    }

    @Override
    public void messageDiscarded(Connection connection, Message message) {
        long count = discarded.incrementAndGet();
        if (count % DISCARDS_PER_LOG == 1) {
            log.warn(
                    "NATS client: outgoing queue full: a publish to {} was discarded and fails after the"
                            + " publish timeout ({} discarded so far)",
                    message.getSubject(),
                    count);
        }
    }

    @Override
    public void pullStatusWarning(Connection connection, JetStreamSubscription subscription, Status status) {
        log.debug("pull: {}", status);
    }

    @Override
    public void pullStatusError(Connection connection, JetStreamSubscription subscription, Status status) {
        log.debug("pull ended: {}", status);
    }
}

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
 * to) are logged at the first and then once in {@value #DISCARDS_PER_LOG}. A pull ended because its
 * consumer was deleted is passed on: the client would pull the missing consumer for ever.
 */
final class NatsErrors implements ErrorListener {

    private static final Logger log = LoggerFactory.getLogger(NatsErrors.class);
    static final int DISCARDS_PER_LOG = 1_000;
    private static final int CONFLICT = 409;

    private final AtomicLong discarded = new AtomicLong();
    private final ConsumerDeleted deleted;
    private final Runnable heartbeatMissed;

    /**
     * Reports to {@code deleted} each pull ended by its consumer's deletion, and to {@code
     * heartbeatMissed} each pull that heard no heartbeat.
     */
    NatsErrors(ConsumerDeleted deleted, Runnable heartbeatMissed) {
        this.deleted = deleted;
        this.heartbeatMissed = heartbeatMissed;
    }

    /** Told that the consumer {@code consumer} of {@code stream} was deleted under a pull. */
    interface ConsumerDeleted {
        void consumerDeleted(String stream, String consumer);
    }

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
    public void heartbeatAlarm(
            Connection connection,
            JetStreamSubscription subscription,
            long lastStreamSequence,
            long lastConsumerSequence) {
        // the client pulls again by itself; a run of these names the consumer a lost pull belonged to
        log.debug(
                "no heartbeat for the pull of {} (last stream sequence {}): pulling again",
                subscription.getConsumerName(),
                lastStreamSequence);
        heartbeatMissed.run();
    }

    @Override
    public void pullStatusWarning(Connection connection, JetStreamSubscription subscription, Status status) {
        log.debug("pull: {}", status);
    }

    @Override
    public void pullStatusError(Connection connection, JetStreamSubscription subscription, Status status) {
        log.debug("pull ended: {}", status);
        if (status.getCode() == CONFLICT && String.valueOf(status.getMessage()).contains("Consumer Deleted")) {
            deleted.consumerDeleted(subscription.getStreamName(), subscription.getConsumerName());
        }
    }
}

package io.courier.events.rabbitmq;

import io.courier.api.event.EventCapability;
import io.courier.api.event.Subscription;
import io.courier.api.event.SubscriptionOptions;
import io.courier.events.core.SubscriptionCounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A subscription on RabbitMQ: one member consuming the group's queue (RabbitMQ's competing consumers
 * cannot keep order per key across several, see {@link AmqpEventBroker#subscribe}). Replays are
 * refused: a queue forgets what it delivered once it is acknowledged.
 */
final class AmqpSubscription implements Subscription {

    static final String NO_HISTORY =
            "a RabbitMQ queue deletes each event once it is acknowledged, so there is" + " nothing to read again";

    private final SubscriptionOptions<?> options;
    private final AmqpMember<?> member;
    private final Consumer<AmqpSubscription> onClose;
    private volatile boolean paused;
    private volatile boolean closed;

    AmqpSubscription(SubscriptionOptions<?> options, AmqpMember<?> member, Consumer<AmqpSubscription> onClose)
            throws IOException {
        this.options = options;
        this.member = member;
        this.onClose = onClose;
        member.start();
    }

    @Override
    public SubscriptionOptions<?> options() {
        return options;
    }

    SubscriptionCounts counts() {
        return member.counts();
    }

    @Override
    public int buffered() {
        return member.buffered();
    }

    @Override
    public synchronized void pause() {
        paused = true;
        try {
            member.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("pause of " + options.topic(), e);
        }
    }

    @Override
    public synchronized void resume() {
        if (paused && !closed) {
            paused = false;
            try {
                member.start();
            } catch (IOException e) {
                throw new UncheckedIOException("resume of " + options.topic(), e);
            }
        }
    }

    @Override
    public boolean paused() {
        return paused;
    }

    @Override
    public void replayFromOffset(int partition, long offset) {
        throw EventCapability.REPLAY_FROM_POSITION.refusedBy("amqp", NO_HISTORY);
    }

    @Override
    public void replayFrom(Instant time) {
        throw EventCapability.REPLAY_FROM_TIME.refusedBy("amqp", NO_HISTORY);
    }

    @Override
    public boolean close(Duration timeout) {
        synchronized (this) {
            if (closed) {
                return true;
            }
            closed = true;
        }
        boolean finished = member.close(timeout);
        onClose.accept(this);
        return finished;
    }
}

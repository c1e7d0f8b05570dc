package io.courier.events.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.courier.api.event.Event;
import io.courier.api.event.SubscriptionOptions;
import io.courier.events.core.Attempts;
import io.courier.events.core.EventEnvelope;
import io.courier.events.core.PayloadReader;
import io.courier.events.core.SubscriptionCounts;
import io.courier.events.core.UnreadableEventException;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of a group: a channel consuming the group's queue with a prefetch of one, so it holds at
 * most one event the broker has not had acknowledged. Each event is read under the allow-list,
 * handled with its attempts, then acknowledged; or stored on the dead-letter topic (publisher
 * confirm awaited) and acknowledged then. An event is given back (requeued) when the member stops
 * before handling it; one the member crashed on is redelivered by the broker to the group.
 */
final class AmqpMember<E> extends DefaultConsumer {

    private static final Logger log = LoggerFactory.getLogger(AmqpMember.class);
    private static final long CONFIRM_MILLIS = 30_000;
    /** One a second: a queue deleted by hand is declared again at once, one whose node is down waits for it. */
    private static final int CONSUME_AGAIN_ATTEMPTS = 60;

    private final SubscriptionOptions<E> options;
    private final Attempts<E> attempts;
    private final EventEnvelope envelope;
    /** The client hands this consumer's deliveries over one at a time, so one reader serves them all. */
    private final PayloadReader<E> payloads;

    private final AmqpSettings settings;
    /** Declares the group's queue (again), on the broker's declaring channel. */
    private final QueueDeclaration declaration;

    private final ReentrantLock inHand = new ReentrantLock();
    private volatile boolean stopping;
    private volatile String tag;
    /** The tag the broker cancelled, consumed under again once the queue is back; guarded by this. */
    private String cancelledTag;

    AmqpMember(
            Connection connection,
            SubscriptionOptions<E> options,
            Attempts<E> attempts,
            EventEnvelope envelope,
            AmqpSettings settings,
            QueueDeclaration declaration)
            throws IOException {
        super(connection.createChannel());
        this.declaration = declaration;
        this.options = options;
        this.attempts = attempts;
        this.envelope = envelope;
        this.payloads = new PayloadReader<>(options.eventType(), EventEnvelope.policyFor(options.eventType()));
        this.settings = settings;
        getChannel().basicQos(1);
        getChannel().confirmSelect(); // for its dead letters
    }

    /**
     * The event in hand (0 or 1). The client queues deliveries for this consumer before they reach it,
     * but the broker sends one more only when the last is acknowledged (prefetch 1), so none wait there.
     */
    int buffered() {
        return inHand.isLocked() ? 1 : 0;
    }

    SubscriptionCounts counts() {
        return attempts.counts();
    }

    /** Starts consuming (again). */
    synchronized void start() throws IOException {
        stopping = false;
        consume();
    }

    /**
     * Consumes the group's queue unless consuming already. After the broker cancelled the consumer, the
     * queue is declared again first and consumed under the cancelled tag, so the client's recovery after
     * a dropped connection knows one consumer, not two. Called under this member's lock.
     */
    private void consume() throws IOException {
        if (tag != null) {
            return;
        }
        String queue = Topology.queue(options.topic(), options.group());
        if (cancelledTag == null) {
            tag = getChannel().basicConsume(queue, false, this);
            return;
        }
        declaration.declare(options);
        tag = getChannel().basicConsume(queue, false, cancelledTag, this);
        cancelledTag = null;
    }

    /**
     * The broker cancelled this consumer: the group's queue was deleted (by hand, or by a policy). As
     * the NATS broker creates a deleted consumer again, the queue is declared again and consumed, once a
     * second for a minute; after that, a resume does it. Events published while no queue was bound were
     * refused to their publishers, not lost.
     */
    @Override
    public void handleCancel(String consumerTag) {
        synchronized (this) {
            if (!consumerTag.equals(tag)) {
                return;
            }
            tag = null;
            cancelledTag = consumerTag;
        }
        log.warn(
                "the queue {} was deleted under its subscription: declaring it again and consuming it",
                Topology.queue(options.topic(), options.group()));
        for (int attempt = 1; attempt <= CONSUME_AGAIN_ATTEMPTS; attempt++) {
            try {
                consumeAgain();
                return;
            } catch (IOException | RuntimeException e) {
                log.warn("cannot consume {} again yet (attempt {}): {}", options.topic(), attempt, e.toString());
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.error(
                "gave up consuming {} again after {} attempts: pause and resume the subscription to try again",
                options.topic(),
                CONSUME_AGAIN_ATTEMPTS);
    }

    private synchronized void consumeAgain() throws IOException {
        if (!stopping && getChannel().isOpen()) { // else paused (a resume consumes) or closed
            consume();
        }
    }

    /** Stops consuming; the event in hand finishes. */
    synchronized void stop() throws IOException {
        stopping = true;
        if (tag != null && getChannel().isOpen()) {
            getChannel().basicCancel(tag);
        }
        tag = null;
    }

    /** Stops, waits up to {@code timeout} for the event in hand, closes the channel (what it holds is requeued). */
    boolean close(Duration timeout) {
        boolean finished = false;
        try {
            stop();
            finished = inHand.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (finished) {
                inHand.unlock();
            }
            getChannel().close();
        } catch (IOException | TimeoutException | RuntimeException e) {
            log.debug("closing a member of {}: {}", options.topic(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return finished;
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope delivery, AMQP.BasicProperties properties, byte[] body)
            throws IOException {
        inHand.lock();
        try {
            handle(delivery, properties, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inHand.unlock();
        }
    }

    private void handle(Envelope delivery, AMQP.BasicProperties properties, byte[] body)
            throws IOException, InterruptedException {
        long tagOf = delivery.getDeliveryTag();
        if (stopping) {
            getChannel().basicNack(tagOf, false, true);
            return;
        }
        Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
        Event<E> event;
        try {
            event = envelope.read(
                    name -> name.equals(AmqpPublisher.CONTENT_TYPE)
                            ? properties.getContentType()
                            : text(headers.get(name)),
                    body,
                    payloads,
                    new Event.Position(options.topic(), 0, tagOf));
        } catch (UnreadableEventException e) {
            deadLetter(delivery, properties, body, 0, "unreadable: " + e.getMessage(), true);
            return;
        }
        Object count = headers.get("x-delivery-count");
        long delivered = 1 + (count instanceof Number number ? number.longValue() : 0);
        if (delivered >= settings.maxDeliver()) {
            deadLetter(
                    delivery, properties, body, 0, "delivered " + delivered + " times without acknowledgement", false);
            return;
        }
        Attempts.Outcome outcome = attempts.run(event, () -> {});
        if (outcome.handled()) {
            getChannel().basicAck(tagOf, false);
        } else {
            deadLetter(delivery, properties, body, outcome.attempts(), outcome.reason(), false);
        }
    }

    // acknowledged only once the dead letter is confirmed: until then the partition does not move past it
    private void deadLetter(
            Envelope delivery,
            AMQP.BasicProperties properties,
            byte[] body,
            int attempts,
            String reason,
            boolean unread)
            throws IOException, InterruptedException {
        Map<String, Object> headers =
                new HashMap<>(properties.getHeaders() == null ? Map.of() : properties.getHeaders());
        headers.put(EventEnvelope.DLT_REASON, EventEnvelope.reason(reason));
        headers.put(EventEnvelope.DLT_TOPIC, options.topic());
        headers.put(EventEnvelope.DLT_OFFSET, Long.toString(delivery.getDeliveryTag()));
        headers.put(EventEnvelope.DLT_GROUP, options.group());
        headers.put(EventEnvelope.DLT_ATTEMPTS, Integer.toString(attempts));
        AMQP.BasicProperties letter = properties.builder().headers(headers).build();
        while (!stopping) {
            try {
                getChannel().basicPublish(Topology.EXCHANGE, options.deadLetterTopic(), letter, body);
                getChannel().waitForConfirmsOrDie(CONFIRM_MILLIS);
                getChannel().basicAck(delivery.getDeliveryTag(), false);
                this.attempts.counts().deadLettered(unread);
                return;
            } catch (IOException | TimeoutException e) {
                log.warn(
                        "cannot store a dead letter on {} yet (trying again in 1 s): {}",
                        options.deadLetterTopic(),
                        e.toString());
                Thread.sleep(1_000);
            }
        }
        getChannel().basicNack(delivery.getDeliveryTag(), false, true);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}

package io.courier.events.nats;

import io.nats.client.Connection;
import io.nats.client.ConsumeOptions;
import io.nats.client.ConsumerContext;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.StreamContext;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of a subscription: a dispatcher pulling the partitions given to it from the group's
 * consumers into the member's queue, and a thread of its own handing them to the handling one at a
 * time. The queue holds at most one event per partition (JetStream's one unacknowledged event). One
 * timer task per member renews the {@code AckWait} of the events waiting there and of the one in hand,
 * so a slow handler makes JetStream neither redeliver them nor count deliveries against
 * {@code MaxDeliver}; no timer task is made per event. Its consumptions are started, stopped, and
 * started again when they ended on their own; after missed heartbeats (a server restarted, a consumer's
 * leader left, a replay elsewhere replaced the consumer under its name) the client pulls again by itself.
 * Guarded by the subscription's lock, except {@link #handle}.
 */
final class Member {

    private static final Logger log = LoggerFactory.getLogger(Member.class);
    /**
     * Pull requests last 3 s (the client's default is 30 s), so the server's idle heartbeats come every
     * 1.5 s: a pull lost with a cluster node that led the consumer is noticed, and pulled again, within
     * seconds rather than after the 45 s a 30 s request's missed heartbeats take.
     */
    private static final ConsumeOptions PULL =
            ConsumeOptions.builder().batchSize(8).expiresIn(3_000).build();

    private final Connection connection;
    private final GroupConsumers consumers;
    private final Handling<?> handling;
    private final List<Integer> partitions;
    private final BooleanSupplier stopping;
    private final BooleanSupplier closing;
    private final Dispatcher dispatcher;
    private final Map<Integer, MessageConsumer> running = new HashMap<>();
    /** The consumer each partition was bound to, pulled again without a lookup. */
    private final Map<Integer, ConsumerContext> bound = new HashMap<>();

    private final ReentrantLock inHand = new ReentrantLock();
    private final LinkedBlockingQueue<Message> held = new LinkedBlockingQueue<>();
    /** The event being handled, for the renewals; set and cleared under {@link #inHand}. */
    private volatile Message current;

    private final ScheduledFuture<?> renewing;
    private final Thread worker;
    private volatile boolean done;
    private StreamContext stream;
    private final Unanswered unanswered;

    Member(
            Connection connection,
            Unanswered unanswered,
            GroupConsumers consumers,
            Handling<?> handling,
            List<Integer> partitions,
            BooleanSupplier stopping,
            BooleanSupplier closing) {
        this.connection = connection;
        this.unanswered = unanswered;
        this.consumers = consumers;
        this.handling = handling;
        this.partitions = List.copyOf(partitions);
        this.stopping = stopping;
        this.closing = closing;
        this.dispatcher = connection.createDispatcher();
        this.renewing = handling.renewing(this::renew);
        this.worker = new Thread(this::work, "courier-nats-member");
        worker.setDaemon(true);
        worker.start();
    }

    List<Integer> partitions() {
        return partitions;
    }

    /** The events delivered to this member and not finished: those waiting in its queue, and the one in hand. */
    int buffered() {
        return held.size() + (inHand.isLocked() ? 1 : 0);
    }

    /**
     * Starts consuming every partition of this member that is not consumed now. A partition consumed
     * before is pulled again on the consumer it was bound to, without a JetStream request: after a
     * cluster node leaves, a consumer it led answers no request until the others elect a leader, and
     * looking each one up again (10 s per unanswered request, one partition after another) held back
     * the partitions that had a leader already. A consumption that ended on its own looks its consumer
     * up again, creating it if it is gone.
     */
    void start() {
        for (int partition : partitions) {
            MessageConsumer consumer = running.get(partition);
            if (consumer != null && !consumer.isFinished()) {
                continue;
            }
            if (consumer != null) {
                bound.remove(partition);
            }
            try {
                running.put(partition, consumer(partition).consume(PULL, dispatcher, this::delivered));
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                log.warn("cannot consume {} partition {} yet: {}", consumers.stream(), partition, e.toString());
                unanswered.failed(e);
            }
        }
    }

    /** An event JetStream delivered: an answer, as far as {@link Unanswered} is concerned, and queued for the worker. */
    private void delivered(Message message) {
        unanswered.answered();
        held.add(message);
    }

    /** The consumer of {@code partition}, bound before or looked up (and created if missing) now. */
    private ConsumerContext consumer(int partition) throws IOException, JetStreamApiException {
        ConsumerContext context = bound.get(partition);
        if (context == null) {
            if (stream == null) {
                stream = connection.getStreamContext(consumers.stream());
            }
            consumers.ensure(partition);
            context = stream.getConsumerContext(consumers.durable(partition));
            unanswered.answered();
            bound.put(partition, context);
        }
        return context;
    }

    /** Forgets the consumers the partitions were bound to: the next start looks each up (and creates it if missing). */
    void unbind() {
        bound.clear();
    }

    /** Stops pulling and starts again: new pull requests, on whichever server the client is connected to now. */
    void restart() {
        stop();
        start();
    }

    /** Stops pulling; the event in hand (if any) finishes. */
    void stop() {
        running.values().forEach(MessageConsumer::stop);
        running.clear();
    }

    /** Stops pulling {@code partition}, for a replay to replace its consumer (looked up again when started). */
    void stop(int partition) {
        bound.remove(partition);
        MessageConsumer consumer = running.remove(partition);
        if (consumer != null) {
            consumer.stop();
        }
    }

    /**
     * Stops pulling, waits up to {@code timeout} for the event in hand to finish (later ones are given
     * back), then lets the dispatcher go; returns whether the event in hand finished in time.
     */
    boolean close(Duration timeout) {
        stop();
        boolean finished = false;
        try {
            finished = inHand.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (finished) {
            inHand.unlock();
        }
        done = true;
        worker.interrupt();
        renewing.cancel(false);
        connection.closeDispatcher(dispatcher);
        // what waits here goes back to JetStream for another member (stopping, the handling hands it back)
        for (Message message = held.poll(); message != null; message = held.poll()) {
            handle(message);
        }
        return finished;
    }

    /**
     * Renews the events waiting and the one in hand. An event between the queue and the hand may miss
     * one renewal: renewals come every third of {@code AckWait}, so the next still comes in time.
     */
    private void renew() {
        for (Message message : held) {
            renew(message);
        }
        Message inHandNow = current;
        if (inHandNow != null) {
            // one acknowledged meanwhile: the client sends nothing after an ack, and JetStream ignores a renewal of it
            renew(inHandNow);
        }
    }

    private static void renew(Message message) {
        try {
            message.inProgress();
        } catch (RuntimeException e) {
            // not connected now: JetStream delivers it again after AckWait, and a renewal cannot help
            log.debug("cannot renew the AckWait of an event on {}: {}", message.getSubject(), e.toString());
        }
    }

    private void work() {
        while (!done) {
            try {
                Message message = held.poll(200, TimeUnit.MILLISECONDS);
                if (message != null) {
                    handle(message);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void handle(Message message) {
        inHand.lock();
        current = message;
        try {
            handling.handle(message, stopping, closing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("event on {} left unacknowledged, JetStream delivers it again", message.getSubject(), e);
        } finally {
            current = null;
            inHand.unlock();
        }
    }
}

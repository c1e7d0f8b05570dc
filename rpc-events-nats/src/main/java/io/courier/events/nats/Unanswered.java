package io.courier.events.nats;

import io.nats.client.Connection;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides when the broker's connection must reconnect although the client says it is
 * connected. After a server restart, or a cluster node killed, a client was seen connected, taking
 * publishes and pull requests, and yet no answer came to any JetStream request for minutes: publishes
 * failed one timeout after another and pulls reached no consumer. A request that times out, or a pull
 * that heard no heartbeat, on a connected client that heard no answer of any kind for the request
 * timeout (a publish acknowledged, a consumer found, an event delivered; a slower answer is none) makes
 * it reconnect; the next reconnect waits another request timeout. A second connection to the same
 * server was seen to work.
 */
final class Unanswered {

    private static final Logger log = LoggerFactory.getLogger(Unanswered.class);

    private final Connection connection;
    private final long quietNanos;
    private final AtomicLong lastHeard = new AtomicLong(System.nanoTime());

    /** Watches {@code connection}, whose JetStream requests time out after {@code requestTimeout}. */
    Unanswered(Connection connection, Duration requestTimeout) {
        this.connection = connection;
        this.quietNanos = requestTimeout.toNanos();
    }

    /** An answer came (a publish acknowledged, a consumer found). */
    void answered() {
        lastHeard.set(System.nanoTime());
    }

    /** A request ended with {@code failure}: a timeout on a connected client that heard nothing for a while reconnects it. */
    void failed(Throwable failure) {
        if (!isTimeout(failure) || connection.getStatus() != Connection.Status.CONNECTED) {
            return;
        }
        long now = System.nanoTime();
        long heard = lastHeard.get();
        if (now - heard < quietNanos || !lastHeard.compareAndSet(heard, now)) {
            return;
        }
        log.warn(
                "JetStream answered nothing for {} ms on a client connected to {}: reconnecting",
                TimeUnit.NANOSECONDS.toMillis(quietNanos),
                connection.getConnectedUrl());
        // off the thread that completed the request: it may be one of the client's own
        Thread reconnect = new Thread(this::reconnect, "courier-nats-reconnect");
        reconnect.setDaemon(true);
        reconnect.start();
    }

    private void reconnect() {
        try {
            connection.forceReconnect();
        } catch (IOException | RuntimeException e) {
            log.warn("reconnecting failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A request that got no answer in time: the client cancels a publish's future when no answer came
     * within its timeout, and fails a JetStream API request with "Timeout or no response".
     */
    static boolean isTimeout(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof CancellationException
                || cause instanceof TimeoutException
                || (cause instanceof IOException
                        && String.valueOf(cause.getMessage()).startsWith("Timeout or no response"));
    }
}

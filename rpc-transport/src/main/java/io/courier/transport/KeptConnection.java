package io.courier.transport;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The one connection a {@link CallProtocol}'s client keeps to a provider (Dubbo's and gRPC's consumers
 * share one connection per provider): connected when first asked for, connected again in the background
 * after a loss or a refused connect, with exponential backoff and jitter, until {@link #close()}. What
 * rides on a connection is the protocol's: it learns of each connection and each loss through {@link
 * Hooks}, and says whether a connection still takes new calls. Thread-safe.
 */
public final class KeptConnection {

    /** What the protocol does with its connections. Called on I/O threads; must not block. */
    public interface Hooks {

        /** {@code channel} is connected and becomes the current connection. */
        default void connected(Channel channel) {}

        /**
         * Whether the connected {@code channel} still takes new calls; when it does not (the provider
         * announced that it is closing), the next {@link #channel()} opens another connection.
         */
        default boolean usable(Channel channel) {
            return true;
        }

        /**
         * The current connection {@code channel} closed. {@code expected} when it no longer took new calls
         * ({@link #usable} said so): then the next connect is at once, else after a backoff.
         */
        default void lost(Channel channel, boolean expected) {}
    }

    private final Endpoint endpoint;
    private final String peer;
    private final Bootstrap bootstrap;
    private final ScheduledExecutorService scheduler;
    private final long backoffBaseMillis;
    private final long backoffMaxMillis;
    private final Hooks hooks;
    private volatile Channel channel;
    private volatile boolean closed;
    // guarded by this
    private CompletableFuture<Channel> connecting;
    private int failures;
    private long retryAtNanos;

    /**
     * @param peer what the endpoint is, for messages ({@code "Dubbo provider"}, {@code "gRPC server"})
     * @param scheduler runs the background connects (the client's event loops)
     */
    public KeptConnection(
            Endpoint endpoint,
            String peer,
            Bootstrap bootstrap,
            ScheduledExecutorService scheduler,
            long backoffBaseMillis,
            long backoffMaxMillis,
            Hooks hooks) {
        this.endpoint = endpoint;
        this.peer = peer;
        this.bootstrap = bootstrap;
        this.scheduler = scheduler;
        this.backoffBaseMillis = backoffBaseMillis;
        this.backoffMaxMillis = backoffMaxMillis;
        this.hooks = hooks;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The current connection, or {@code null}; it may have closed since. */
    public Channel current() {
        return channel;
    }

    /** Whether a call sent now goes straight to a connection that takes it. */
    public boolean available() {
        Channel current = channel;
        return !closed && current != null && current.isActive() && hooks.usable(current);
    }

    /**
     * The connection, or the connect under way; fails with {@code CONNECT_FAILED} (not executed) while a
     * failed connect's backoff lasts, and {@code CLOSED} once closed.
     */
    public synchronized CompletableFuture<Channel> channel() {
        if (closed) {
            return CompletableFuture.failedFuture(new RpcException(
                    ErrorCode.CLOSED, true, "connection to " + peer + " " + endpoint + " closed", null));
        }
        Channel current = channel;
        if (current != null && current.isActive() && hooks.usable(current)) {
            return CompletableFuture.completedFuture(current);
        }
        if (connecting != null) {
            return connecting;
        }
        long waitNanos = retryAtNanos - System.nanoTime();
        if (failures > 0 && waitNanos > 0) {
            return CompletableFuture.failedFuture(new RpcException(
                    ErrorCode.CONNECT_FAILED,
                    true,
                    peer + " " + endpoint + " unreachable; connecting again in "
                            + TimeUnit.NANOSECONDS.toMillis(waitNanos) + " ms",
                    null));
        }
        CompletableFuture<Channel> connect = new CompletableFuture<>();
        connecting = connect;
        bootstrap
                .connect(endpoint.host(), endpoint.port())
                .addListener(done -> onConnect((ChannelFuture) done, connect));
        return connect;
    }

    private void onConnect(ChannelFuture done, CompletableFuture<Channel> connect) {
        Channel connected = done.channel();
        boolean success = done.isSuccess();
        synchronized (this) {
            connecting = null;
            if (success && !closed) {
                hooks.connected(connected);
                channel = connected;
                failures = 0;
                connected.closeFuture().addListener(ignored -> onClosed(connected));
            } else {
                failures++;
                retryAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis());
            }
        }
        if (success && !closed) {
            connect.complete(connected);
            return;
        }
        if (success) {
            connected.close();
        }
        connect.completeExceptionally(new RpcException(
                ErrorCode.CONNECT_FAILED,
                true,
                "could not connect to " + peer + " " + endpoint
                        + (done.cause() == null ? "" : ": " + done.cause().getMessage()),
                done.cause()));
        reconnectLater();
    }

    private void onClosed(Channel lost) {
        boolean expected;
        synchronized (this) {
            if (channel != lost) {
                return;
            }
            channel = null;
            expected = !hooks.usable(lost);
            if (!expected) {
                failures = Math.max(failures, 1);
                retryAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis());
            }
        }
        hooks.lost(lost, expected);
        reconnectLater();
    }

    /** While the endpoint is kept, a lost or refused connection is tried again in the background. */
    private void reconnectLater() {
        if (closed) {
            return;
        }
        long delay;
        synchronized (this) {
            delay = Math.max(1, TimeUnit.NANOSECONDS.toMillis(retryAtNanos - System.nanoTime()));
        }
        try {
            scheduler.schedule(
                    () -> {
                        if (!closed && channel == null) {
                            channel();
                        }
                    },
                    delay,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the scheduler is stopping: the client is closing
        }
    }

    private long backoffMillis() {
        long exponential = backoffBaseMillis << Math.min(failures - 1, 16);
        long capped = Math.min(backoffMaxMillis, Math.max(backoffBaseMillis, exponential));
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    /** Whether {@link #stop()} or {@link #close()} was called. */
    public boolean closed() {
        return closed;
    }

    /**
     * Stops keeping the connection: no connect any more, new calls fail {@code CLOSED}; the current
     * connection is left open for its owner to close when its calls have ended ({@link #current()}).
     */
    public void stop() {
        closed = true;
    }

    /** Stops keeping the connection and closes the current one. */
    public void close() {
        closed = true;
        Channel current = channel;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public String toString() {
        return "KeptConnection(" + peer + " " + endpoint + ")";
    }
}

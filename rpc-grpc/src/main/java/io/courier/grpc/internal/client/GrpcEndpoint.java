package io.courier.grpc.internal.client;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.util.AttributeKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP/2 connection to one gRPC server, shared by every call to it (each call one stream): connected
 * when the endpoint is first leased, connected again in the background after a loss (exponential backoff
 * with jitter). A server's {@code GOAWAY} retires the connection: its streams finish there, new calls open
 * a new connection, and the old one closes when its last stream ends. The endpoint is {@link #available()}
 * while a connection is up and not retired. Thread-safe.
 */
final class GrpcEndpoint {

    /** The state of one connection, on its channel. */
    static final AttributeKey<Connection> CONNECTION = AttributeKey.valueOf("courier.grpc.client.connection");

    /** One connection's streams in flight and whether the server sent GOAWAY. */
    static final class Connection {
        private final AtomicInteger streams = new AtomicInteger();
        private volatile boolean retired;
        private volatile boolean closeWhenIdle;

        boolean retired() {
            return retired;
        }

        void opened() {
            streams.incrementAndGet();
        }

        /** A stream of {@code channel} ended; closes a retired connection with none left. */
        void ended(Channel channel) {
            if (streams.decrementAndGet() <= 0 && (retired || closeWhenIdle)) {
                channel.close();
            }
        }

        /** The server will take no new stream: finish the open ones, then close. */
        void retire(Channel channel) {
            retired = true;
            if (streams.get() <= 0) {
                channel.close();
            }
        }
    }

    private final Endpoint endpoint;
    private final Bootstrap bootstrap;
    private final EventLoopGroup group;
    private final long backoffBaseMillis;
    private final long backoffMaxMillis;
    private volatile Channel channel;
    private volatile boolean closed;
    // guarded by this
    private CompletableFuture<Channel> connecting;
    private int failures;
    private long retryAtNanos;

    GrpcEndpoint(
            Endpoint endpoint,
            Bootstrap bootstrap,
            EventLoopGroup group,
            long backoffBaseMillis,
            long backoffMaxMillis) {
        this.endpoint = endpoint;
        this.bootstrap = bootstrap;
        this.group = group;
        this.backoffBaseMillis = backoffBaseMillis;
        this.backoffMaxMillis = backoffMaxMillis;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** Whether a call sent now goes straight to a connected server that has not sent GOAWAY. */
    boolean available() {
        Channel current = channel;
        return !closed
                && current != null
                && current.isActive()
                && !current.attr(CONNECTION).get().retired();
    }

    /**
     * The connected channel, or the connect under way; fails with {@code CONNECT_FAILED} (not executed)
     * while a failed connect's backoff lasts, and {@code CLOSED} once closed.
     */
    synchronized CompletableFuture<Channel> channel() {
        if (closed) {
            return CompletableFuture.failedFuture(new RpcException(
                    ErrorCode.CLOSED, true, "connection to gRPC server " + endpoint + " closed", null));
        }
        Channel current = channel;
        if (current != null
                && current.isActive()
                && !current.attr(CONNECTION).get().retired()) {
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
                    "gRPC server " + endpoint + " unreachable; connecting again in "
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
                "could not connect to gRPC server " + endpoint
                        + (done.cause() == null ? "" : ": " + done.cause().getMessage()),
                done.cause()));
        reconnectLater();
    }

    private void onClosed(Channel lost) {
        synchronized (this) {
            if (channel != lost) {
                return;
            }
            channel = null;
            // a connection the server retired (GOAWAY) is replaced at once; a lost one after a backoff
            if (!lost.attr(CONNECTION).get().retired()) {
                failures = Math.max(failures, 1);
                retryAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis());
            }
        }
        reconnectLater();
    }

    /** While the endpoint is leased, a lost or refused connection is tried again in the background. */
    private void reconnectLater() {
        if (closed) {
            return;
        }
        long delay;
        synchronized (this) {
            delay = Math.max(1, TimeUnit.NANOSECONDS.toMillis(retryAtNanos - System.nanoTime()));
        }
        try {
            group.schedule(
                    () -> {
                        if (!closed && channel == null) {
                            channel();
                        }
                    },
                    delay,
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the event loop is stopping: the client is closing
        }
    }

    private long backoffMillis() {
        long exponential = backoffBaseMillis << Math.min(failures - 1, 16);
        long capped = Math.min(backoffMaxMillis, Math.max(backoffBaseMillis, exponential));
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    /** No lease is left: the connection closes once its streams have ended. */
    void closeWhenIdle() {
        closed = true;
        Channel current = channel;
        if (current != null) {
            Connection connection = current.attr(CONNECTION).get();
            connection.closeWhenIdle = true;
            if (connection.streams.get() <= 0) {
                current.close();
            }
        }
    }

    /** Closes at once; the streams in flight fail as their connection closes. */
    void close() {
        closed = true;
        Channel current = channel;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public String toString() {
        return "GrpcEndpoint(" + endpoint + ")";
    }
}

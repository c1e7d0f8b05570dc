package io.courier.grpc.internal.client;

import io.courier.api.Endpoint;
import io.courier.transport.KeptConnection;
import io.courier.transport.KeptConnections;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.util.AttributeKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP/2 connection to one gRPC server, shared by every call to it (each call one stream), kept by
 * a {@link KeptConnection}: connected when the endpoint is first leased, connected again after a loss. A
 * server's {@code GOAWAY} retires the connection: its streams finish there, new calls open a new
 * connection at once, and the old one closes when its last stream ends. Thread-safe.
 */
final class GrpcEndpoint implements KeptConnection.Hooks, KeptConnections.Connection {

    /** The state of one connection, on its channel. */
    static final AttributeKey<Connection> CONNECTION = AttributeKey.valueOf("courier.grpc.client.connection");

    /** One connection's streams in flight and whether the server sent GOAWAY. */
    static final class Connection {
        private final AtomicInteger streams = new AtomicInteger();
        private volatile boolean retired;
        private volatile boolean closeWhenIdle;

        void opened() {
            streams.incrementAndGet();
        }

        /** A stream of {@code channel} ended; closes a retired connection with none left. */
        void ended(Channel channel) {
            if (streams.decrementAndGet() <= 0 && (retired || closeWhenIdle)) {
                channel.close();
            }
        }

        /** Whether the server sent GOAWAY: no new stream may start on the connection. */
        boolean retired() {
            return retired;
        }

        /** The server will take no new stream: finish the open ones, then close. */
        void retire(Channel channel) {
            retired = true;
            if (streams.get() <= 0) {
                channel.close();
            }
        }

        /** No lease is left: close once the streams have ended. */
        void closeWhenIdle(Channel channel) {
            closeWhenIdle = true;
            if (streams.get() <= 0) {
                channel.close();
            }
        }
    }

    private final KeptConnection kept;

    GrpcEndpoint(
            Endpoint endpoint,
            Bootstrap bootstrap,
            EventLoopGroup group,
            long backoffBaseMillis,
            long backoffMaxMillis) {
        this.kept = new KeptConnection(
                endpoint, "gRPC server", bootstrap, group, backoffBaseMillis, backoffMaxMillis, this);
    }

    @Override
    public boolean usable(Channel channel) {
        return !channel.attr(CONNECTION).get().retired;
    }

    Endpoint endpoint() {
        return kept.endpoint();
    }

    /** Whether a call sent now goes straight to a connected server that has not sent GOAWAY. */
    boolean available() {
        return kept.available();
    }

    /** {@link KeptConnection#channel()}. */
    @Override
    public CompletableFuture<Channel> channel() {
        return kept.channel();
    }

    /** No lease is left: the connection closes once its streams have ended. */
    @Override
    public void closeWhenIdle() {
        kept.stop();
        Channel current = kept.current();
        if (current != null) {
            current.attr(CONNECTION).get().closeWhenIdle(current);
        }
    }

    /** Closes at once; the streams in flight fail as their connection closes. */
    @Override
    public void close() {
        kept.close();
    }

    @Override
    public String toString() {
        return "GrpcEndpoint(" + kept.endpoint() + ")";
    }
}

package io.courier.transport.internal.server;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.Identity;
import io.courier.api.RpcException;
import io.courier.protocol.frame.GoingAway;
import io.courier.protocol.frame.OutboundFrame;
import io.courier.protocol.frame.OutboundResponse;
import io.courier.transport.internal.channel.ChannelBytes;
import io.courier.transport.internal.channel.FrameOut;
import io.courier.transport.internal.channel.Outbound;
import io.courier.transport.internal.channel.OutboundQueue;
import io.courier.transport.internal.stream.ServerStreams;
import io.courier.transport.internal.stream.StreamConnection;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * One server connection's state: the calls it accepted and has not answered yet, its outbound
 * queue, and its graceful close.
 *
 * <p>A graceful close sends "going away", answers every later request with
 * {@link ErrorCode#GOING_AWAY} ("not executed"), and closes once the client acknowledged (its next
 * ping proves every earlier request has arrived) and every accepted call is answered. Thread-safe;
 * the close decision runs on the event loop.
 */
public final class ServerConnection implements StreamConnection {

    private final Channel channel;
    private final OutboundQueue outbound;
    private final AtomicInteger accepted = new AtomicInteger();
    /**
     * Two-way requests handed to an executor and not started yet, by request id: what a cancel
     * event may still take back. A request leaves it when it starts running or is cancelled,
     * whichever removes it first.
     */
    private final ConcurrentHashMap<Long, RequestTask> waiting = new ConcurrentHashMap<>();
    /** Bytes of encoded answers enqueued and not yet handed to the channel. */
    private final AtomicLong replyBytes = new AtomicLong();

    private final Endpoint remote;
    /** The TLS session once the handshake is done; null on a plain connection. */
    private volatile SSLSession tlsSession;
    /** The verified client certificate's identity, built on first use; empty for none. */
    private volatile Optional<Identity> peer;

    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile boolean draining;
    /** Its streams: a draining connection also waits for them; ended with GOING_AWAY at the deadline. */
    private volatile ServerStreams streams;
    /**
     * Set when another protocol serves the connection ({@link io.courier.transport.PortProtocol}):
     * its own graceful close, run in place of Courier's "going away"; the protocol closes the channel.
     */
    private volatile Runnable otherGoAway;
    /** Whether another protocol serves the connection, and closes it itself when draining. */
    private volatile boolean otherProtocol;
    // Event loop only.
    private boolean acknowledged;
    private boolean closing;

    public ServerConnection(Channel channel) {
        this.channel = channel;
        this.outbound = new OutboundQueue(channel);
        this.remote = endpointOf(channel);
        channel.closeFuture().addListener(f -> {
            outbound.dropAll();
            closed.complete(null);
        });
    }

    public Channel channel() {
        return channel;
    }

    /** The consumer's address, for {@link io.courier.api.RpcContext#remoteEndpoint()}; may be null. */
    public Endpoint remote() {
        return remote;
    }

    /**
     * Records the session of this connection's completed TLS handshake; called once, on the event
     * loop, before any request of the connection is decoded. Plain connections never call it.
     */
    void tlsEstablished(SSLSession session) {
        tlsSession = session;
    }

    /**
     * The identity of the client certificate this connection's peer presented and the TLS handshake
     * verified, for {@link io.courier.api.RpcContext#peerIdentity()}; {@code null} without TLS or
     * without a client certificate. Built from the TLS session on the first request and kept for
     * the connection's life; a plain connection pays one volatile read.
     */
    public Identity peer() {
        SSLSession session = tlsSession;
        if (session == null) {
            return null;
        }
        Optional<Identity> known = peer;
        if (known == null) {
            known = Optional.ofNullable(identityOf(session));
            peer = known;
        }
        return known.orElse(null);
    }

    private static Identity identityOf(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? Identity.ofCertificate(leaf) : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    public boolean draining() {
        return draining;
    }

    /** Accepted calls not yet answered. */
    public int inFlight() {
        return accepted.get();
    }

    /** Counts a call handed to an executor; it must end in {@link #reply(Object)} or {@link #finishedOneway()}. */
    void accepted() {
        accepted.incrementAndGet();
    }

    /** Takes back {@link #accepted()} for a call the executor refused. */
    void refused() {
        accepted.decrementAndGet();
    }

    /** Answers an accepted call with {@code message} (an encoded frame or an {@link OutboundFrame}). */
    void reply(Object message) {
        if (channel.eventLoop().inEventLoop()) {
            // A call the IO thread ran itself: no queue to cross; flushed with the turn's other writes.
            outbound.writeNow(message);
            answered();
        } else {
            outbound.enqueue(new Reply(message));
        }
    }

    /** Writes another protocol's message, batched with this connection's other writes (PortConnection#send). */
    void send(Object message) {
        if (channel.eventLoop().inEventLoop()) {
            outbound.writeNow(message);
        } else {
            outbound.enqueue(new Sent(message));
        }
    }

    /** Closes the channel once everything sent before is flushed. */
    void closeWhenSent() {
        outbound.closeWhenFlushed();
    }

    private void answered() {
        if (accepted.decrementAndGet() == 0 && draining) {
            closeIfDone();
        }
    }

    /**
     * Answer bytes this connection holds: encoded answers waiting for the event loop plus what the
     * channel holds for the socket. Safe from any thread.
     */
    public long queuedBytes() {
        return replyBytes.get() + ChannelBytes.queued(channel);
    }

    /**
     * Whether the connection already holds its high water mark of answers: its peer does not read
     * them as fast as it asks. The channel's own writability is not enough, since answers wait in
     * the outbound queue before the channel sees them, and one read can hold hundreds of requests.
     */
    boolean saturated() {
        return !channel.isWritable() || queuedBytes() >= channel.config().getWriteBufferHighWaterMark();
    }

    /** Records a two-way request queued for an executor, so that a cancel event can take it back. */
    void waiting(long requestId, RequestTask task) {
        waiting.put(requestId, task);
    }

    /**
     * Takes a queued request out of the waiting ones as it starts; {@code false} when a cancel took
     * it first, and it must not run.
     */
    boolean starting(long requestId, RequestTask task) {
        return waiting.remove(requestId, task);
    }

    /**
     * The consumer cancelled request {@code requestId}: if it is still waiting for an executor
     * thread it is dropped unrun and unanswered (its consumer no longer waits for the answer) and
     * {@code true} returned; a request already running, answered or unknown is left alone.
     */
    boolean cancel(long requestId) {
        RequestTask task = waiting.remove(requestId);
        if (task == null) {
            return false;
        }
        task.cancelled();
        // Ended without an answer, like a oneway call.
        finishedOneway();
        return true;
    }

    /** Ends an accepted oneway call, which is never answered. */
    void finishedOneway() {
        if (accepted.decrementAndGet() == 0 && draining) {
            channel.eventLoop().execute(this::closeIfDone);
        }
    }

    /** Answers a request that was not accepted (refused, malformed, unknown service, shutting down). */
    void refuse(long requestId, RpcException error) {
        outbound.enqueue(new FrameOut(OutboundResponse.ofError(requestId, error)));
    }

    /** Sends a frame outside any call (a pong). */
    void send(OutboundFrame frame) {
        outbound.enqueue(new FrameOut(frame));
    }

    /** A ping arrived; while draining it acknowledges "going away". Event loop only. */
    void pinged() {
        if (draining) {
            acknowledged = true;
            closeIfDone();
        }
    }

    /**
     * Starts the graceful close; the returned future completes when the connection has closed.
     * The server force-closes connections that have not finished by its shutdown deadline.
     */
    public CompletableFuture<Void> goAway() {
        channel.eventLoop().execute(() -> {
            if (otherProtocol) {
                if (!draining) {
                    draining = true;
                    Runnable own = otherGoAway;
                    if (own != null) {
                        own.run();
                    } else {
                        channel.close();
                    }
                }
                return;
            }
            if (!draining) {
                draining = true;
                outbound.enqueue(new FrameOut(GoingAway.INSTANCE));
            }
            closeIfDone();
        });
        return closed;
    }

    /** Another protocol serves this connection from now on; called once, on the event loop. */
    void servedByOtherProtocol() {
        otherProtocol = true;
    }

    /** The other protocol's graceful close ({@link io.courier.transport.PortConnection#onGoAway}). */
    void onGoAway(Runnable goAway) {
        otherGoAway = goAway;
    }

    /** The connection's streams, registered once by the channel initializer. */
    void streams(ServerStreams connectionStreams) {
        streams = connectionStreams;
    }

    /** A stream ended: a draining connection may be done now. Any thread. */
    public void streamEnded() {
        if (draining) {
            channel.eventLoop().execute(this::closeIfDone);
        }
    }

    /**
     * Closes the connection at the shutdown deadline: streams still open are ended with an error
     * frame {@link ErrorCode#GOING_AWAY} first, so that their consumers learn why.
     */
    public void forceClose() {
        if (otherProtocol) {
            channel.close();
            return;
        }
        ServerStreams open = streams;
        if (open == null || open.size() == 0) {
            channel.close();
            return;
        }
        channel.eventLoop().execute(() -> {
            open.goAway();
            outbound.closeWhenFlushed();
        });
    }

    private void closeIfDone() {
        ServerStreams open = streams;
        if (draining && acknowledged && !closing && accepted.get() == 0 && (open == null || open.size() == 0)) {
            closing = true;
            outbound.closeWhenFlushed();
        }
    }

    private static Endpoint endpointOf(Channel channel) {
        if (channel.remoteAddress() instanceof InetSocketAddress address && address.getPort() > 0) {
            return Endpoint.of(address.getAddress().getHostAddress(), address.getPort());
        }
        return null;
    }

    /** Another protocol's message: written once, released if the channel closed first. */
    private static class Sent implements Outbound {
        private Object message;

        Sent(Object message) {
            this.message = message;
        }

        @Override
        public Object message() {
            Object out = message;
            message = null;
            return out;
        }

        @Override
        public void onWritten() {}

        @Override
        public void onDropped(ErrorCode reason) {
            ReferenceCountUtil.release(message);
            message = null;
        }
    }

    /** The answer of an accepted call: once it is handed to the socket, the call is finished. */
    private final class Reply extends Sent {
        private final int bytes;

        Reply(Object message) {
            super(message);
            this.bytes = message instanceof io.netty.buffer.ByteBuf buffer ? buffer.readableBytes() : 0;
            replyBytes.addAndGet(bytes);
        }

        @Override
        public void onWritten() {
            finished();
        }

        @Override
        public void onDropped(ErrorCode reason) {
            super.onDropped(reason);
            finished();
        }

        private void finished() {
            replyBytes.addAndGet(-bytes);
            answered();
        }
    }
}

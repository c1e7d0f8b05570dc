package io.courier.transport.internal.client;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcResult;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.frame.CancelRequest;
import io.courier.protocol.frame.FrameEncoder;
import io.courier.protocol.frame.Heartbeat;
import io.courier.protocol.frame.OutboundRequest;
import io.courier.protocol.frame.StreamFrames;
import io.courier.transport.CallOptions;
import io.courier.transport.StreamOptions;
import io.courier.transport.internal.channel.FrameOut;
import io.courier.transport.internal.channel.NotSent;
import io.courier.transport.internal.channel.OutboundQueue;
import io.courier.transport.internal.stream.ClientStreams;
import io.courier.transport.internal.stream.StreamChannel;
import io.courier.transport.internal.stream.StreamGauges;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;

/**
 * One client connection: a channel, its {@link InFlightTable} and its {@link OutboundQueue}. Calls
 * are encoded on the caller's thread, so that serialization runs in parallel and its failures reach
 * the caller at once; the event loop only writes and flushes.
 *
 * <p>After the server announces "going away" the connection takes no new call; it stays open for
 * the calls in flight and closes when the last is answered. Thread-safe.
 */
public final class ClientConnection {

    private final Channel channel;
    private final FrameEncoder encoder;
    private final InFlightTable inFlight;
    private final OutboundQueue outbound;
    private final ClientStreams streams;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile boolean goingAway;

    public ClientConnection(Channel channel, FrameEncoder encoder, Timer timer, String peer) {
        this(
                channel,
                encoder,
                timer,
                peer,
                new StreamFrames(ProtocolOptions.defaults()),
                StreamOptions.defaults(),
                new StreamGauges());
    }

    /** A connection whose streams use {@code frames}, {@code streamOptions} and count in {@code gauges}. */
    public ClientConnection(
            Channel channel,
            FrameEncoder encoder,
            Timer timer,
            String peer,
            StreamFrames frames,
            StreamOptions streamOptions,
            StreamGauges gauges) {
        this.channel = channel;
        this.encoder = encoder;
        this.inFlight = new InFlightTable(timer, peer);
        this.outbound = new OutboundQueue(channel);
        this.streams = new ClientStreams(
                new StreamChannel(channel, outbound, frames, gauges),
                inFlight::nextId,
                timer,
                streamOptions.window(),
                peer);
        // Deferred to the next event-loop turn: a decoder that closes the channel reports why right
        // after, and a call it names deserves that reason rather than a generic NETWORK error.
        channel.closeFuture().addListener(f -> runSoon(this::onClosed));
    }

    /** Whether new calls may use this connection. */
    public boolean usable() {
        return !goingAway && channel.isActive();
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    public Channel channel() {
        return channel;
    }

    public InFlightTable inFlight() {
        return inFlight;
    }

    /** Completes when the channel has closed and every call on it has been failed. */
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    /**
     * Sends {@code invocation}. A two-way call completes with the response, or fails with
     * {@link ErrorCode#TIMEOUT} or {@link ErrorCode#NETWORK}; a oneway call completes once the
     * request is handed to the socket. An argument that cannot be serialized fails the call at once,
     * "not executed". A {@linkplain io.courier.api.MethodDescriptor#stream() stream} method
     * opens a stream instead (see {@link ClientStreams#open}).
     */
    public CompletableFuture<RpcResult> send(Invocation invocation, CallOptions options) {
        if (invocation.method().stream()) {
            return streams.open(invocation, options);
        }
        if (invocation.method().oneway()) {
            return sendOneway(invocation, options);
        }
        // A two-way call's future can be cancelled on the wire.
        CallFuture future = new CallFuture();
        PendingCall call = start(invocation, options, future);
        if (call != null) {
            future.bind(this, call);
        }
        return future;
    }

    /**
     * Sends a two-way {@code invocation} and tells {@code whenDone} its outcome, as {@link #send(Invocation,
     * CallOptions)} would complete its future, with no future: the IO thread that reads the response runs {@code
     * whenDone} itself. A failure before the request is queued is told at once, on this thread. Nothing can cancel the
     * call. Oneway and stream methods take their future's way.
     */
    public void send(Invocation invocation, CallOptions options, BiConsumer<RpcResult, Throwable> whenDone) {
        if (invocation.method().stream() || invocation.method().oneway()) {
            send(invocation, options).whenComplete(whenDone);
            return;
        }
        start(invocation, options, whenDone);
    }

    /** Encodes, registers and queues a two-way call; {@code null} when it failed at once (and was told so). */
    private PendingCall start(Invocation invocation, CallOptions options, BiConsumer<RpcResult, Throwable> whenDone) {
        long id = inFlight.nextId();
        ByteBuf frame;
        try {
            frame = encoder.encode(channel.alloc(), new OutboundRequest(id, invocation, options.serializer(), false));
        } catch (RuntimeException e) {
            PendingCall.tell(whenDone, null, NotSent.of(e, invocation));
            return null;
        }
        PendingCall call;
        try {
            call = inFlight.register(id, invocation, options, whenDone, frame);
        } catch (RuntimeException e) {
            // E.g. the timer stopped because the client is closing: the request never left.
            frame.release();
            PendingCall.tell(whenDone, null, NotSent.of(e, invocation));
            return null;
        }
        outbound.enqueue(call);
        return call;
    }

    private CompletableFuture<RpcResult> sendOneway(Invocation invocation, CallOptions options) {
        CompletableFuture<RpcResult> future = new CompletableFuture<>();
        ByteBuf frame;
        try {
            frame = encoder.encode(
                    channel.alloc(), new OutboundRequest(inFlight.nextId(), invocation, options.serializer(), true));
        } catch (RuntimeException e) {
            future.completeExceptionally(NotSent.of(e, invocation));
            return future;
        }
        outbound.enqueue(new OnewayRequest(frame, future, channel));
        return future;
    }

    /**
     * Abandons a two-way call whose future was cancelled: it leaves the in-flight table (a late
     * answer is released unread) and, if its request reached the socket, the provider gets a cancel
     * event. Decided on the event loop, where requests are handed to the socket: a request still
     * queued is skipped there as abandoned and never sent, so it needs no cancel.
     */
    void cancel(PendingCall call) {
        if (!inFlight.remove(call)) {
            return;
        }
        runSoon(() -> {
            if (call.written() && channel.isActive()) {
                outbound.enqueue(new FrameOut(new CancelRequest(call.id())));
            }
        });
    }

    /** The streams open on this connection. */
    ClientStreams streams() {
        return streams;
    }

    /** Sends a heartbeat ping; the server's pong keeps this side's idle timer from firing. */
    public void ping() {
        outbound.enqueue(new FrameOut(Heartbeat.ping(inFlight.nextId())));
    }

    /** Answers the server's ping. */
    void pong(Heartbeat ping) {
        outbound.enqueue(new FrameOut(ping.pong()));
    }

    /**
     * The server is going away: take no new call, and ping so that the server knows every request
     * sent before has arrived (TCP keeps the order) and it may close once they are answered.
     */
    void goingAway() {
        goingAway = true;
        outbound.refuseRequests();
        ping();
        // Then close once the last call in flight is answered and the last stream ended (the ping
        // goes out first).
        streams.whenEmpty(this::closeWhenIdle);
        inFlight.whenEmpty(this::closeWhenIdle);
    }

    private void closeWhenIdle() {
        if (inFlight.size() == 0 && streams.size() == 0) {
            outbound.closeWhenFlushed();
        }
    }

    /** Whether the server announced that it is going away. */
    boolean isGoingAway() {
        return goingAway;
    }

    public void close() {
        channel.close();
    }

    private void runSoon(Runnable task) {
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private void onClosed() {
        inFlight.failAll("connection closed while the call was in flight");
        streams.failAll("connection closed while the stream was open");
        outbound.dropAll();
        closed.complete(null);
    }

    @Override
    public String toString() {
        return "ClientConnection(" + channel + (goingAway ? ", going away" : "") + ")";
    }
}

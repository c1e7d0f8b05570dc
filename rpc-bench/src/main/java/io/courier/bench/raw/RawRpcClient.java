package io.courier.bench.raw;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One multiplexed connection of the raw RPC. The in-flight requests live in a map owned by this connection, keyed by
 * a 64-bit request id; the IO thread decodes each response and completes its future. Callers on any thread encode
 * their request straight into a pooled buffer; flushes issued from outside the event loop are consolidated so that
 * concurrent callers share system calls. Thread-safe.
 */
public final class RawRpcClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RawRpcClient.class);

    /** Writes the arguments of one call. */
    @FunctionalInterface
    interface RequestEncoder {
        void encode(ByteBuf out);
    }

    /** Reads the result of one call. */
    @FunctionalInterface
    interface ResponseDecoder<T> {
        T decode(ByteBuf in);
    }

    private record Pending<T>(CompletableFuture<T> future, ResponseDecoder<T> decoder) {}

    /** How long a call waits for its response. */
    static final long TIMEOUT_MILLIS = 5_000;

    private final EventLoopGroup group;
    private final Channel channel;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, Pending<?>> inFlight = new ConcurrentHashMap<>();

    private RawRpcClient(String host, int port) throws InterruptedException {
        this.group = new NioEventLoopGroup(1);
        try {
            this.channel = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(new FlushConsolidationHandler(256, true))
                                    .addLast(new LengthFieldBasedFrameDecoder(
                                            WireFormat.MAX_FRAME,
                                            0,
                                            WireFormat.LENGTH_FIELD,
                                            0,
                                            WireFormat.LENGTH_FIELD))
                                    .addLast(new ResponseHandler());
                        }
                    })
                    .connect(host, port)
                    .sync()
                    .channel();
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /**
     * Connects to a {@link RawRpcServer}.
     *
     * @throws InterruptedException if interrupted while connecting
     */
    public static RawRpcClient connect(String host, int port) throws InterruptedException {
        return new RawRpcClient(host, port);
    }

    /**
     * Calls {@code method} and waits up to {@link #TIMEOUT_MILLIS} for the result, which the IO thread decodes.
     *
     * @throws RawRpcException if the server answered with an error, the connection failed or the call timed out
     */
    <T> T invoke(byte method, RequestEncoder arguments, ResponseDecoder<T> result) {
        if (!channel.isActive()) {
            throw new RawRpcException("connection closed");
        }
        long id = nextId.incrementAndGet();
        ByteBuf out = channel.alloc().ioBuffer();
        try {
            int start = out.writerIndex();
            WireFormat.writeHeader(out, id, method);
            arguments.encode(out);
            WireFormat.writeLength(out, start);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        CompletableFuture<T> future = new CompletableFuture<>();
        inFlight.put(id, new Pending<>(future, result));
        // A failed write fires exceptionCaught, which closes the channel and fails everything in flight.
        channel.writeAndFlush(out, channel.voidPromise());
        if (!channel.isActive()) {
            // the close may have drained the table before this request entered it
            fail(id, new RawRpcException("connection closed"));
        }
        try {
            return future.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            inFlight.remove(id);
            throw new RawRpcException("no response to request " + id + " within " + TIMEOUT_MILLIS + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RawRpcException remote
                    ? remote
                    : new RawRpcException(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            inFlight.remove(id);
            Thread.currentThread().interrupt();
            throw new RawRpcException("interrupted while waiting for request " + id);
        }
    }

    private void fail(long id, Throwable cause) {
        Pending<?> pending = inFlight.remove(id);
        if (pending != null) {
            pending.future().completeExceptionally(cause);
        }
    }

    /** Closes the connection and stops the threads; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class ResponseHandler extends SimpleChannelInboundHandler<ByteBuf> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            long id = frame.readLong();
            byte status = frame.readByte();
            Pending<?> pending = inFlight.remove(id);
            if (pending == null) {
                return;
            }
            complete(pending, status, frame);
        }

        private <T> void complete(Pending<T> pending, byte status, ByteBuf frame) {
            try {
                if (status == WireFormat.OK) {
                    pending.future().complete(pending.decoder().decode(frame));
                } else {
                    pending.future().completeExceptionally(new RawRpcException(WireFormat.readString(frame)));
                }
            } catch (RuntimeException e) {
                pending.future().completeExceptionally(new RawRpcException("undecodable response: " + e));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            RawRpcException failure = new RawRpcException("connection closed");
            for (Long id : inFlight.keySet()) {
                fail(id, failure);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn(
                    "closing the connection to {} after an error", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }
}

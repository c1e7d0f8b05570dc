package io.courier.it;

import io.courier.api.Endpoint;
import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.frame.FrameEncoder;
import io.courier.protocol.frame.OutboundRequest;
import io.courier.spi.ExtensionLoader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A consumer that sends requests for large answers and never reads: a plain socket with a small
 * receive buffer writing real request frames (encoded by the protocol's own encoder) from a thread of
 * its own, which blocks once the provider stops reading. {@link #close()} closes the socket, which
 * ends the thread.
 */
final class StalledConsumer implements AutoCloseable {

    private final Socket socket;
    private final AtomicLong sent = new AtomicLong();
    private Thread writer;

    private StalledConsumer(Socket socket) {
        this.socket = socket;
    }

    static StalledConsumer connect(Endpoint endpoint) {
        Socket socket = new Socket();
        try {
            socket.setReceiveBufferSize(4 * 1024);
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 5_000);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot connect to " + endpoint, e);
        }
        return new StalledConsumer(socket);
    }

    /** Starts writing {@code count} requests for answers of {@code size} bytes, ids from {@code ids}. */
    void send(int count, int size, AtomicLong ids) {
        ServiceDescriptor service = ServiceDescriptor.of(LedgerService.class);
        MethodDescriptor blob = service.methods().stream()
                .filter(method -> method.name().equals("blob"))
                .findFirst()
                .orElseThrow();
        Serializer serializer = ExtensionLoader.of(Serializer.class).get("protostuff");
        FrameEncoder encoder = new FrameEncoder(ProtocolOptions.defaults());
        ServiceKey key = ServiceKey.of(LedgerService.class);
        writer = new Thread(
                () -> {
                    try {
                        OutputStream out = socket.getOutputStream();
                        for (int i = 0; i < count; i++) {
                            long id = ids.incrementAndGet();
                            Invocation invocation = Invocation.of(key, blob, new Object[] {id, size});
                            ByteBuf frame = encoder.encode(
                                    UnpooledByteBufAllocator.DEFAULT,
                                    new OutboundRequest(id, invocation, serializer, false));
                            byte[] bytes;
                            try {
                                bytes = new byte[frame.readableBytes()];
                                frame.readBytes(bytes);
                            } finally {
                                frame.release();
                            }
                            out.write(bytes);
                            sent.incrementAndGet();
                        }
                        out.flush();
                    } catch (IOException e) {
                        // closed by close(): the end of the test
                    }
                },
                "stalled-consumer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Requests written to the socket so far. */
    long sent() {
        return sent.get();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        if (writer != null) {
            writer.join(10_000);
        }
    }
}

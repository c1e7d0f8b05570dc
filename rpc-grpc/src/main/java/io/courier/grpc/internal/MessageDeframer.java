package io.courier.grpc.internal;

import io.courier.grpc.GrpcStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * Cuts a stream's DATA bytes into gRPC messages (a compressed flag, a 4-byte length, the message),
 * refusing a length past the limit from its prefix, before any of it is buffered, and a compressed
 * message the stream did not announce. Used on the stream's event loop only; {@link #release()} frees
 * what it holds.
 */
public final class MessageDeframer {

    /** A failure that ends the call with a status. */
    public static final class StatusException extends Exception {
        public final GrpcStatus status;

        StatusException(GrpcStatus status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** Receives each whole message. */
    public interface Sink {
        void message(byte[] bytes) throws StatusException;
    }

    private final CompositeByteBuf buffered;
    private final int maxMessageBytes;
    private final boolean gzip;

    public MessageDeframer(ByteBufAllocator alloc, int maxMessageBytes, boolean gzip) {
        this.buffered = alloc.compositeBuffer();
        this.maxMessageBytes = maxMessageBytes;
        this.gzip = gzip;
    }

    /** Takes {@code data} (retained here) and hands every message it completes to {@code sink}. */
    public void add(ByteBuf data, Sink sink) throws StatusException {
        buffered.addComponent(true, data.retain());
        while (buffered.readableBytes() >= 5) {
            int start = buffered.readerIndex();
            int flag = buffered.getUnsignedByte(start);
            long length = buffered.getUnsignedInt(start + 1);
            if (flag > 1) {
                throw new StatusException(GrpcStatus.INTERNAL, "message flag " + flag + " (expected: 0 or 1)");
            }
            if (length > maxMessageBytes) {
                throw new StatusException(
                        GrpcStatus.RESOURCE_EXHAUSTED,
                        "message of " + length + " bytes (expected: at most " + maxMessageBytes + ")");
            }
            if (buffered.readableBytes() < 5 + length) {
                return;
            }
            buffered.skipBytes(5);
            byte[] bytes = new byte[(int) length];
            buffered.readBytes(bytes);
            buffered.discardReadComponents();
            if (flag == 1) {
                if (!gzip) {
                    throw new StatusException(
                            GrpcStatus.INTERNAL, "a compressed message without grpc-encoding (expected: gzip)");
                }
                bytes = gunzip(bytes);
            }
            sink.message(bytes);
        }
    }

    /** Whether part of a message is still waiting for its rest. */
    public boolean partial() {
        return buffered.isReadable();
    }

    public void release() {
        buffered.release();
    }

    private byte[] gunzip(byte[] compressed) throws StatusException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(compressed.length * 4, maxMessageBytes));
            byte[] chunk = new byte[8192];
            int read;
            while ((read = in.read(chunk)) > 0) {
                if (out.size() + read > maxMessageBytes) {
                    throw new StatusException(
                            GrpcStatus.RESOURCE_EXHAUSTED, "decompressed message past " + maxMessageBytes + " bytes");
                }
                out.write(chunk, 0, read);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new StatusException(GrpcStatus.INTERNAL, "message could not be decompressed: " + e.getMessage());
        }
    }
}

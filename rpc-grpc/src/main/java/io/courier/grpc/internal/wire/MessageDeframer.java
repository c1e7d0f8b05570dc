package io.courier.grpc.internal.wire;

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

        public StatusException(GrpcStatus status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** Receives each whole message. */
    public interface Sink {
        void message(byte[] bytes) throws StatusException;
    }

    private final ByteBufAllocator alloc;
    private final int maxMessageBytes;
    private final boolean gzip;
    /** The start of a message whose rest has not arrived; made when first needed (most never are). */
    private CompositeByteBuf buffered;

    public MessageDeframer(ByteBufAllocator alloc, int maxMessageBytes, boolean gzip) {
        this.alloc = alloc;
        this.maxMessageBytes = maxMessageBytes;
        this.gzip = gzip;
    }

    /**
     * Hands every message {@code data} completes to {@code sink}; what is left of {@code data} is kept
     * (retained) for the next call. {@code data}'s indexes are not moved.
     */
    public void add(ByteBuf data, Sink sink) throws StatusException {
        if (buffered == null || !buffered.isReadable()) {
            // the usual case, a frame of whole messages: read in place, nothing buffered
            int index = data.readerIndex();
            int end = data.writerIndex();
            while (end - index >= 5) {
                int flag = data.getUnsignedByte(index);
                long length = data.getUnsignedInt(index + 1);
                check(flag, length);
                if (end - index - 5 < length) {
                    break;
                }
                byte[] bytes = new byte[(int) length];
                data.getBytes(index + 5, bytes);
                index += 5 + (int) length;
                deliver(flag, bytes, sink);
            }
            if (index < end) {
                if (buffered == null) {
                    buffered = alloc.compositeBuffer();
                }
                buffered.addComponent(true, data.retainedSlice(index, end - index));
            }
            return;
        }
        buffered.addComponent(true, data.retainedSlice());
        while (buffered.readableBytes() >= 5) {
            int start = buffered.readerIndex();
            int flag = buffered.getUnsignedByte(start);
            long length = buffered.getUnsignedInt(start + 1);
            check(flag, length);
            if (buffered.readableBytes() < 5 + length) {
                return;
            }
            buffered.skipBytes(5);
            byte[] bytes = new byte[(int) length];
            buffered.readBytes(bytes);
            buffered.discardReadComponents();
            deliver(flag, bytes, sink);
        }
    }

    private void check(int flag, long length) throws StatusException {
        if (flag > 1) {
            throw new StatusException(GrpcStatus.INTERNAL, "message flag " + flag + " (expected: 0 or 1)");
        }
        if (length > maxMessageBytes) {
            throw new StatusException(
                    GrpcStatus.RESOURCE_EXHAUSTED,
                    "message of " + length + " bytes (expected: at most " + maxMessageBytes + ")");
        }
    }

    private void deliver(int flag, byte[] bytes, Sink sink) throws StatusException {
        if (flag == 1) {
            if (!gzip) {
                throw new StatusException(
                        GrpcStatus.INTERNAL, "a compressed message without grpc-encoding (expected: gzip)");
            }
            bytes = gunzip(bytes);
        }
        sink.message(bytes);
    }

    /** Whether part of a message is still waiting for its rest. */
    public boolean partial() {
        return buffered != null && buffered.isReadable();
    }

    public void release() {
        if (buffered != null) {
            buffered.release();
            buffered = null;
        }
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

package io.courier.dubbo.internal;

import com.alibaba.com.caucho.hessian.io.Hessian2Output;
import com.alibaba.com.caucho.hessian.io.SerializerFactory;
import io.courier.api.RpcResult;
import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.Serializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the frames a Courier provider sends a Dubbo consumer: answers with their value or exception
 * and attachments, error statuses with their message, heartbeat answers and the read-only event.
 * Values are written by Courier's hessian serializer; exceptions as Dubbo's own hessian2 writes them
 * ({@link ThrowableWriter}).
 */
public final class DubboResponses {

    private static final byte RESPONSE_FLAGS = DubboFrames.HESSIAN2;
    private static final SerializerFactory EXCEPTIONS = exceptionFactory();

    private DubboResponses() {}

    private static SerializerFactory exceptionFactory() {
        SerializerFactory factory = new SerializerFactory();
        factory.setAllowNonSerializable(true);
        factory.addFactory(ThrowableWriter.INSTANCE);
        return factory;
    }

    /** The answer to request {@code id}: the result's value or exception, and its attachments. */
    static ByteBuf answer(ByteBufAllocator alloc, long id, RpcResult result, Serializer hessian) {
        Map<String, String> attachments = new HashMap<>(result.attachments());
        attachments.put("dubbo", DubboFrames.DUBBO_VERSION);
        ByteBuf frame = DubboFrames.start(alloc, RESPONSE_FLAGS, DubboFrames.OK, id);
        try (ByteBufOutputStream body = new ByteBufOutputStream(frame)) {
            if (result.hasException()) {
                Hessian2Output out = new Hessian2Output(body);
                out.setSerializerFactory(EXCEPTIONS);
                out.writeInt(DubboFrames.RESPONSE_WITH_EXCEPTION_WITH_ATTACHMENTS);
                out.writeObject(result.exception());
                out.writeObject(attachments);
                out.flushBuffer();
            } else {
                Serializer.ValueWriter out = hessian.writer(ByteSink.of(body));
                Object value = result.value();
                if (value == null) {
                    out.write(DubboFrames.RESPONSE_NULL_VALUE_WITH_ATTACHMENTS, int.class);
                } else {
                    out.write(DubboFrames.RESPONSE_VALUE_WITH_ATTACHMENTS, int.class);
                    out.write(value, Object.class);
                }
                out.write(attachments, Map.class);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            frame.release();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return DubboFrames.finish(frame);
    }

    /** A response of {@code status} other than OK, whose body is the message Dubbo's consumer reports. */
    public static ByteBuf error(ByteBufAllocator alloc, long id, byte status, String message) {
        ByteBuf frame = DubboFrames.start(alloc, RESPONSE_FLAGS, status, id);
        writeText(frame, message);
        return DubboFrames.finish(frame);
    }

    /** The answer to a heartbeat: an event response with no data. */
    static ByteBuf heartbeat(ByteBufAllocator alloc, long id) {
        ByteBuf frame = DubboFrames.start(alloc, (byte) (RESPONSE_FLAGS | DubboFrames.FLAG_EVENT), DubboFrames.OK, id);
        frame.writeByte('N');
        return DubboFrames.finish(frame);
    }

    /** The one-way event by which a closing provider asks a consumer to send it no new calls. */
    static ByteBuf readOnly(ByteBufAllocator alloc, long id) {
        ByteBuf frame = DubboFrames.start(
                alloc, (byte) (DubboFrames.FLAG_REQUEST | DubboFrames.FLAG_EVENT | DubboFrames.HESSIAN2), (byte) 0, id);
        writeText(frame, DubboFrames.READ_ONLY_EVENT);
        return DubboFrames.finish(frame);
    }

    private static void writeText(ByteBuf frame, String text) {
        try (ByteBufOutputStream body = new ByteBufOutputStream(frame)) {
            Hessian2Output out = new Hessian2Output(body);
            out.writeString(text);
            out.flushBuffer();
        } catch (IOException e) {
            frame.release();
            throw new UncheckedIOException(e);
        }
    }
}

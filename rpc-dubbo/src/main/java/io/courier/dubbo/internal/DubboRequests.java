package io.courier.dubbo.internal;

import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceKey;
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
 * Writes the frames a Courier consumer sends a Dubbo provider: a call as Dubbo 3.3's consumer writes
 * it (Dubbo's version, the path, the service version, the method, the parameter descriptor, the
 * arguments, the attachments, in hessian2), and the heartbeat that keeps an idle connection open.
 * Arguments are written by Courier's hessian serializer, as its answers to Dubbo's consumers are.
 */
final class DubboRequests {

    /** What Dubbo writes for a service without a version. */
    private static final String NO_VERSION = "0.0.0";

    private DubboRequests() {}

    /**
     * The frame of call {@code id}; {@code timeoutMillis} (0 for none) travels as the {@code timeout}
     * attachment, so the provider knows the consumer's deadline.
     */
    static ByteBuf call(
            ByteBufAllocator alloc, long id, Invocation invocation, long timeoutMillis, Serializer hessian) {
        MethodDescriptor method = invocation.method();
        boolean twoWay = !method.oneway();
        byte flags = (byte) (DubboFrames.FLAG_REQUEST | (twoWay ? DubboFrames.FLAG_TWO_WAY : 0) | DubboFrames.HESSIAN2);
        ByteBuf frame = DubboFrames.start(alloc, flags, (byte) 0, id);
        try (ByteBufOutputStream body = new ByteBufOutputStream(frame)) {
            ServiceKey key = invocation.serviceKey();
            Serializer.ValueWriter out = hessian.writer(ByteSink.of(body));
            out.write(DubboFrames.DUBBO_VERSION, String.class);
            out.write(key.interfaceName(), String.class);
            out.write(key.version().isEmpty() ? NO_VERSION : key.version(), String.class);
            out.write(method.name(), String.class);
            StringBuilder parameters = new StringBuilder();
            for (Class<?> type : method.parameterTypes()) {
                parameters.append(DubboMethods.descriptor(type));
            }
            out.write(parameters.toString(), String.class);
            for (int i = 0; i < invocation.argumentCount(); i++) {
                out.write(invocation.argument(i), method.genericParameterType(i));
            }
            out.write(attachments(invocation, timeoutMillis), Map.class);
            out.flush();
        } catch (IOException | RuntimeException e) {
            frame.release();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return DubboFrames.finish(frame);
    }

    /** The attachments Dubbo's provider routes by, then the call's own. */
    private static Map<String, Object> attachments(Invocation invocation, long timeoutMillis) {
        ServiceKey key = invocation.serviceKey();
        Map<String, Object> attachments = new HashMap<>(invocation.attachments());
        attachments.put("path", key.interfaceName());
        attachments.put("interface", key.interfaceName());
        if (!key.version().isEmpty()) {
            attachments.put("version", key.version());
        }
        if (!key.group().isEmpty()) {
            attachments.put("group", key.group());
        }
        if (timeoutMillis > 0) {
            attachments.put("timeout", Long.toString(timeoutMillis));
        }
        return attachments;
    }

    /** A heartbeat: a two-way event request with no data, which the provider answers. */
    static ByteBuf heartbeat(ByteBufAllocator alloc, long id) {
        ByteBuf frame = DubboFrames.start(
                alloc,
                (byte) (DubboFrames.FLAG_REQUEST
                        | DubboFrames.FLAG_TWO_WAY
                        | DubboFrames.FLAG_EVENT
                        | DubboFrames.HESSIAN2),
                (byte) 0,
                id);
        frame.writeByte('N');
        return DubboFrames.finish(frame);
    }
}

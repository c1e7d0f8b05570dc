package io.courier.protocol.frame;

import io.courier.api.ErrorCode;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.internal.Types;
import io.netty.buffer.ByteBuf;
import java.lang.reflect.Type;

/**
 * Reads one value through a serializer session and turns every failure into an {@link
 * RpcException} whose message names what was read, the declared type and the body offset. A
 * library's own exception message is never copied: it may quote the bytes being read.
 */
final class ValueReading {

    private ValueReading() {}

    static Object read(Serializer.ValueReader reader, Type type, ByteBuf body, String what) {
        return read(reader, type, body, what, null, 0);
    }

    /** Reads argument {@code index} of {@code method}; the label for a failure is built only then. */
    static Object readArgument(Serializer.ValueReader reader, MethodDescriptor method, int index, ByteBuf body) {
        return read(reader, method.genericParameterType(index), body, null, method, index);
    }

    /** {@code what} names the value, or is {@code null} for argument {@code index} of {@code method}. */
    private static Object read(
            Serializer.ValueReader reader, Type type, ByteBuf body, String what, MethodDescriptor method, int index) {
        int offset = body.readerIndex();
        Object value;
        try {
            value = reader.read(type);
        } catch (RpcException e) {
            throw new RpcException(
                    e.code(),
                    e.notExecuted(),
                    label(what, method, index) + " (" + type.getTypeName() + "): " + e.getMessage(),
                    null);
        } catch (Exception e) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    label(what, method, index) + " (" + type.getTypeName() + ") is malformed at body offset " + offset
                            + " (" + e.getClass().getName() + ")");
        }
        if (value != null && !Types.boxed(Types.raw(type)).isInstance(value)) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    label(what, method, index) + ": a " + value.getClass().getName() + " where " + type.getTypeName()
                            + " is declared");
        }
        return value;
    }

    private static String label(String what, MethodDescriptor method, int index) {
        return what != null ? what : "argument " + index + " of " + method.descriptor();
    }

    static void checkFullyRead(ByteBuf body) {
        if (body.isReadable()) {
            throw new RpcException(
                    ErrorCode.BAD_REQUEST,
                    body.readableBytes() + " unexpected trailing bytes at body offset " + body.readerIndex());
        }
    }
}

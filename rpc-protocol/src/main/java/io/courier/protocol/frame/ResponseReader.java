package io.courier.protocol.frame;

import io.courier.api.ErrorCode;
import io.courier.api.RemoteException;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.internal.BufferInputStream;
import io.courier.protocol.internal.Names;
import io.courier.protocol.internal.Wire;
import io.netty.buffer.ByteBuf;
import java.lang.reflect.Type;
import java.util.Map;

/** Reads a response body; the layout is described on {@link ResponseWriter}. */
final class ResponseReader {

    static final int MAX_CLASS_NAME_BYTES = 1024;
    static final int MAX_MESSAGE_BYTES = 16 * 1024;
    static final int MAX_STACK_FRAMES = 1024;

    private ResponseReader() {}

    static RpcResult read(
            InboundResponse response,
            Type resultType,
            Serializer serializer,
            DeserializationPolicy policy,
            ProtocolOptions options) {
        ByteBuf body = response.body();
        if (response.serializerId() != serializer.id()) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    "in serializer " + response.serializerId() + ", but the request was sent in " + serializer.id());
        }
        Map<String, String> attachments = AttachmentCodec.read(body, options);
        int kindOffset = body.readerIndex();
        int kind = body.isReadable() ? body.readUnsignedByte() : -1;
        if (kind == ResponseWriter.KIND_VALUE) {
            Serializer.ValueReader reader = serializer.reader(new BufferInputStream(body), policy);
            Object value = ValueReading.read(reader, resultType, body, "result");
            ValueReading.checkFullyRead(body);
            return attachments.isEmpty() ? RpcResult.of(value) : RpcResult.of(value, attachments);
        }
        if (kind == ResponseWriter.KIND_EXCEPTION) {
            Throwable exception = readException(body, serializer, policy);
            ValueReading.checkFullyRead(body);
            return RpcResult.ofException(exception, attachments);
        }
        throw Wire.malformed("result kind " + kind + " (expected: 0 or 1)", kindOffset);
    }

    /** The framework error an error response carries. */
    static RpcException readError(ByteBuf body, int status) {
        int flagsOffset = body.readerIndex();
        if (!body.isReadable()) {
            throw Wire.malformed("error flags missing", flagsOffset);
        }
        boolean notExecuted = (body.readUnsignedByte() & 1) != 0;
        String message = Wire.readString(body, MAX_MESSAGE_BYTES, "error message");
        ValueReading.checkFullyRead(body);
        return new RpcException(ErrorCode.ofCode(status), notExecuted, "provider: " + message, null);
    }

    /**
     * The exception as its own type when the policy allows its class and the serializer can
     * rebuild it; otherwise a {@link RemoteException} carrying the class name, message and stack.
     */
    private static Throwable readException(ByteBuf body, Serializer serializer, DeserializationPolicy policy) {
        String className = Wire.readString(body, MAX_CLASS_NAME_BYTES, "exception class");
        String message = Wire.readNullableString(body, MAX_MESSAGE_BYTES, "exception message");
        int frameCountOffset = body.readerIndex();
        int frames = Wire.readVarint(body, "stack depth");
        if (frames > MAX_STACK_FRAMES) {
            throw Wire.malformed(
                    "stack depth " + frames + " (expected: <= " + MAX_STACK_FRAMES + ")", frameCountOffset);
        }
        StackTraceElement[] stack = new StackTraceElement[frames];
        for (int i = 0; i < frames; i++) {
            String declaringClass = Wire.readString(body, MAX_CLASS_NAME_BYTES, "stack frame class");
            String methodName = Wire.readString(body, MAX_CLASS_NAME_BYTES, "stack frame method");
            String fileName = Wire.readNullableString(body, MAX_CLASS_NAME_BYTES, "stack frame file");
            int line = Wire.readZigzag(body, "stack frame line");
            stack[i] = new StackTraceElement(declaringClass, methodName, fileName, line);
        }
        int markerOffset = body.readerIndex();
        int hasObject = body.isReadable() ? body.readUnsignedByte() : -1;
        if (hasObject == 0) {
            return new RemoteException(Names.printable(className), message, stack);
        }
        if (hasObject != 1) {
            throw Wire.malformed("exception object marker " + hasObject + " (expected: 0 or 1)", markerOffset);
        }
        try {
            policy.checkClass(className);
            Serializer.ValueReader reader = serializer.reader(new BufferInputStream(body), policy);
            Object value = ValueReading.read(reader, Throwable.class, body, "exception");
            if (value instanceof Throwable throwable) {
                return throwable;
            }
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    "exception object of class "
                            + (value == null ? "null" : value.getClass().getName()) + " is not a Throwable");
        } catch (RpcException refused) {
            if (refused.code() != ErrorCode.SERIALIZATION) {
                throw refused;
            }
            // The type, or something inside it, is not allowed here: the caller still learns what
            // happened, as text, and nothing more of the object is read.
            body.skipBytes(body.readableBytes());
            return new RemoteException(Names.printable(className), message, stack);
        }
    }
}

package io.courier.protocol.frame;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.internal.BufferOutputStream;
import io.courier.protocol.internal.Header;
import io.courier.protocol.internal.Wire;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a response frame.
 *
 * <pre>
 * result (status 0): attachments | kind u8 | VALUE: value (serializer)
 *                                          | EXCEPTION: class name | message? | stack | has object u8 | object
 * error (status = error code, serializer 0): not-executed u8 | message (string)
 * </pre>
 */
final class ResponseWriter {

    static final int KIND_VALUE = 0;
    static final int KIND_EXCEPTION = 1;

    /** Stack frames beyond this many are not sent; the deepest frames rarely matter to a caller. */
    static final int MAX_STACK_FRAMES = 256;

    /** Longest exception or error message sent, in chars. */
    static final int MAX_MESSAGE_CHARS = 2048;

    private static final Logger log = LoggerFactory.getLogger(ResponseWriter.class);

    private ResponseWriter() {}

    static void write(ByteBuf out, OutboundResponse response, ProtocolOptions options) {
        if (response.isError()) {
            writeError(out, response.requestId(), response.error());
            return;
        }
        int start = out.writerIndex();
        try {
            writeResult(out, response, options);
        } catch (RuntimeException e) {
            out.writerIndex(start);
            String type = response.result().hasException()
                    ? response.result().exception().getClass().getName()
                    : response.resultType().getTypeName();
            ErrorCode code =
                    e instanceof IndexOutOfBoundsException ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.SERIALIZATION;
            log.warn("Response {} of type {} could not be written; answering {}", response.requestId(), type, code, e);
            writeError(
                    out,
                    response.requestId(),
                    new RpcException(code, false, "the provider could not write its result of type " + type, null));
        }
    }

    private static void writeResult(ByteBuf out, OutboundResponse response, ProtocolOptions options) {
        Serializer serializer = response.serializer();
        RpcResult result = response.result();
        int start = Header.start(out, serializer.id(), Header.FLAG_RESPONSE, 0, response.requestId());
        AttachmentCodec.write(out, result.attachments(), options);
        try {
            if (result.hasException()) {
                out.writeByte(KIND_EXCEPTION);
                writeException(out, result.exception(), serializer);
            } else {
                out.writeByte(KIND_VALUE);
                Serializer.ValueWriter writer = serializer.writer(new BufferOutputStream(out));
                writer.write(result.value(), response.resultType());
                writer.flush();
            }
        } catch (java.io.IOException e) {
            throw new RpcException(ErrorCode.SERIALIZATION, "result could not be written", e);
        }
        Header.finish(out, start);
    }

    private static void writeException(ByteBuf out, Throwable exception, Serializer serializer)
            throws java.io.IOException {
        Wire.writeString(out, exception.getClass().getName());
        Wire.writeNullableString(out, truncate(exception.getMessage()));
        StackTraceElement[] stack = exception.getStackTrace();
        int frames = Math.min(stack.length, MAX_STACK_FRAMES);
        Wire.writeVarint(out, frames);
        for (int i = 0; i < frames; i++) {
            StackTraceElement frame = stack[i];
            Wire.writeString(out, frame.getClassName());
            Wire.writeString(out, frame.getMethodName());
            Wire.writeNullableString(out, frame.getFileName());
            Wire.writeZigzag(out, frame.getLineNumber());
        }
        int objectStart = out.writerIndex();
        out.writeByte(1);
        try {
            Serializer.ValueWriter writer = serializer.writer(new BufferOutputStream(out));
            writer.write(exception, Throwable.class);
            writer.flush();
        } catch (IndexOutOfBoundsException e) {
            throw e;
        } catch (RuntimeException | java.io.IOException e) {
            // The caller still gets class, message and stack, as a RemoteException.
            log.debug(
                    "Exception {} could not be serialized; sending it as text",
                    exception.getClass().getName(),
                    e);
            out.writerIndex(objectStart);
            out.writeByte(0);
        }
    }

    static void writeError(ByteBuf out, long requestId, RpcException error) {
        int start = Header.start(out, 0, Header.FLAG_RESPONSE, error.code().code(), requestId);
        out.writeByte(error.notExecuted() ? 1 : 0);
        String message = error.getMessage();
        Wire.writeString(out, message == null ? "" : truncate(message));
        Header.finish(out, start);
    }

    private static String truncate(String message) {
        return message == null || message.length() <= MAX_MESSAGE_CHARS
                ? message
                : message.substring(0, MAX_MESSAGE_CHARS);
    }
}

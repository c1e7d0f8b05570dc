package io.courier.dubbo.internal;

import io.courier.api.ErrorCode;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a Dubbo provider's answer to a Courier consumer's call: a value, a null value or an
 * exception, each with or without attachments (Dubbo's six kinds of response body), or, for a status
 * other than {@code OK}, the failure its message describes ({@link DubboStatus#toException}). Values
 * are read by Courier's hessian serializer under the reference's allow-list, exceptions by {@link
 * DubboExceptionReader}.
 */
final class DubboAnswers {

    /** Hessian's one-byte form of the ints 0 to 47 starts at this byte. */
    private static final int COMPACT_ZERO = 0x90;

    private DubboAnswers() {}

    /**
     * @throws RpcException the failure the provider's status names, or {@code SERIALIZATION} for a
     *     body that cannot be read or a class the allow-list refuses
     */
    static RpcResult read(DubboFrame frame, MethodDescriptor method, DeserializationPolicy policy, Serializer hessian) {
        byte[] body = frame.body();
        if (frame.status() != DubboFrames.OK) {
            throw DubboStatus.toException(frame.status(), message(body));
        }
        int kind = body.length == 0 ? -1 : (body[0] & 0xff) - COMPACT_ZERO;
        if (kind < DubboFrames.RESPONSE_WITH_EXCEPTION || kind > DubboFrames.RESPONSE_NULL_VALUE_WITH_ATTACHMENTS) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION, false, "Dubbo answer of unknown kind to " + method.name(), null);
        }
        boolean withAttachments = kind >= DubboFrames.RESPONSE_WITH_EXCEPTION_WITH_ATTACHMENTS;
        int base = kind % DubboFrames.RESPONSE_WITH_EXCEPTION_WITH_ATTACHMENTS;
        if (base == DubboFrames.RESPONSE_WITH_EXCEPTION) {
            DubboExceptionReader.Read read = DubboExceptionReader.read(body, 1, withAttachments, policy);
            return RpcResult.ofException(read.exception(), attachments(read.attachments()));
        }
        Serializer.ValueReader reader =
                hessian.reader(ByteSource.of(new ByteArrayInputStream(body, 1, body.length - 1)), policy);
        try {
            Object value = base == DubboFrames.RESPONSE_VALUE ? reader.read(method.resultType()) : null;
            Object attachments = withAttachments ? reader.read(Map.class) : null;
            return RpcResult.of(value, attachments(attachments));
        } catch (RpcException e) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION, false, "Dubbo answer to " + method.name() + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    false,
                    "Dubbo answer to " + method.name() + " cannot be read: " + e.getMessage(),
                    e);
        }
    }

    /** The text of a response whose status is not OK. */
    static String message(byte[] body) {
        try {
            return new HessianText(body).next("message");
        } catch (RuntimeException e) {
            return "(unreadable message)";
        }
    }

    /** The answer's attachments but Dubbo's own version. */
    private static Map<String, String> attachments(Object read) {
        Map<String, String> attachments = DubboAttachments.text(read);
        if (attachments.containsKey("dubbo")) {
            attachments = new HashMap<>(attachments);
            attachments.remove("dubbo");
        }
        return attachments;
    }
}

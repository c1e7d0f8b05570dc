package io.courier.protocol.frame;

import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.serialization.Serializer;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * An answer to write: either a result (a value or a business exception) in the request's
 * serializer, or a framework error. Immutable.
 *
 * <p>If the result cannot be serialized, {@link FrameEncoder} writes a {@code SERIALIZATION} error
 * response in its place, so that the caller is never left waiting.
 */
public final class OutboundResponse implements OutboundFrame {

    private final long requestId;
    private final Serializer serializer;
    private final Type resultType;
    private final RpcResult result;
    private final RpcException error;

    private OutboundResponse(
            long requestId, Serializer serializer, Type resultType, RpcResult result, RpcException error) {
        this.requestId = requestId;
        this.serializer = serializer;
        this.resultType = resultType;
        this.result = result;
        this.error = error;
    }

    /**
     * The result of a call.
     *
     * @param serializer the serializer the request came in (the provider answers in kind)
     * @param resultType the method's declared result type ({@code MethodDescriptor#resultType()})
     */
    public static OutboundResponse ofResult(long requestId, Serializer serializer, Type resultType, RpcResult result) {
        return new OutboundResponse(
                requestId,
                Objects.requireNonNull(serializer, "serializer"),
                Objects.requireNonNull(resultType, "resultType"),
                Objects.requireNonNull(result, "result"),
                null);
    }

    /** A framework failure: its code becomes the status, its message and execution state the body. */
    public static OutboundResponse ofError(long requestId, RpcException error) {
        return new OutboundResponse(requestId, null, null, null, Objects.requireNonNull(error, "error"));
    }

    @Override
    public long requestId() {
        return requestId;
    }

    /** The serializer of the result; {@code null} for an error. */
    public Serializer serializer() {
        return serializer;
    }

    /** The declared result type; {@code null} for an error. */
    public Type resultType() {
        return resultType;
    }

    /** The result; {@code null} for an error. */
    public RpcResult result() {
        return result;
    }

    /** The error; {@code null} for a result. */
    public RpcException error() {
        return error;
    }

    public boolean isError() {
        return error != null;
    }

    @Override
    public String toString() {
        return "OutboundResponse(id " + requestId + (error != null ? ", error " + error.code() : ", result") + ")";
    }
}

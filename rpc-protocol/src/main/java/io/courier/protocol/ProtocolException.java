package io.courier.protocol;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.protocol.frame.FrameDecoder;
import java.util.OptionalLong;

/**
 * A peer sent bytes that break the protocol. {@link FrameDecoder} fires it through {@code
 * exceptionCaught} after it has already answered and, when {@link #fatal()}, closed the connection;
 * the handler receiving it only logs or counts it, and on the consumer side may fail the call
 * {@link #requestId()} names.
 *
 * <p>The message names field, value and stream offset, never text from the payload. {@link
 * #notExecuted()} is true when the offending frame was a request, which the refusal kept from
 * running.
 */
public final class ProtocolException extends RpcException {

    private static final long serialVersionUID = 1L;

    private final boolean fatal;
    private final boolean hasRequestId;
    private final long requestId;

    private ProtocolException(
            ErrorCode code, String message, boolean fatal, boolean notExecuted, boolean hasRequestId, long requestId) {
        super(code, notExecuted, message, null);
        this.fatal = fatal;
        this.hasRequestId = hasRequestId;
        this.requestId = requestId;
    }

    /**
     * A failure in a frame whose request id is unknown, e.g. bad magic: always fatal, and not proof
     * that any call did not run.
     */
    public static ProtocolException fatal(ErrorCode code, String message) {
        return new ProtocolException(code, message, true, false, false, 0);
    }

    /**
     * A failure in a frame whose header was read, so its request id is known.
     *
     * @param request whether the frame was a request, which the refusal proves did not run
     */
    public static ProtocolException of(ErrorCode code, String message, boolean fatal, boolean request, long requestId) {
        return new ProtocolException(code, message, fatal, request, true, requestId);
    }

    /** Whether the connection was (or must be) closed: the byte stream can no longer be trusted. */
    public boolean fatal() {
        return fatal;
    }

    /** The request id from the offending frame's header, if the header got that far. */
    public OptionalLong requestId() {
        return hasRequestId ? OptionalLong.of(requestId) : OptionalLong.empty();
    }
}

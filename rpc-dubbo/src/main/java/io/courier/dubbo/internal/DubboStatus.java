package io.courier.dubbo.internal;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;

/**
 * The response status a Dubbo consumer hears for a call Courier refused or failed (docs/dubbo.md has
 * the table). Dubbo's consumers turn every status but {@code OK} into an exception carrying the
 * response's message; its failover cluster retries them on another provider, timeouts included.
 * {@link #toException} is the other direction: what a Courier consumer makes of a Dubbo provider's
 * status.
 */
final class DubboStatus {

    private DubboStatus() {}

    static byte of(ErrorCode code) {
        return switch (code) {
            case SERVER_BUSY, RATE_LIMITED, CIRCUIT_OPEN -> DubboFrames.SERVER_THREADPOOL_EXHAUSTED_ERROR;
            case TIMEOUT, DEADLINE_EXCEEDED -> DubboFrames.SERVER_TIMEOUT;
            case BAD_REQUEST, SERIALIZATION, PAYLOAD_TOO_LARGE -> DubboFrames.BAD_REQUEST;
            case NO_PROVIDER, FORBIDDEN, GOING_AWAY, CLOSED, PROVIDER_ERROR -> DubboFrames.SERVICE_ERROR;
            default -> DubboFrames.SERVER_ERROR;
        };
    }

    /**
     * The failure a Courier consumer sees for a Dubbo answer of {@code status} (not {@code OK}) and
     * {@code message}: "not executed" only where Dubbo's provider says so (a full thread pool, a bad
     * request, a service it does not export), so that retries of non-idempotent calls stay safe.
     */
    static RpcException toException(byte status, String message) {
        String text = "Dubbo provider answered status " + status + ": " + message;
        return switch (status) {
            case DubboFrames.CLIENT_TIMEOUT, DubboFrames.SERVER_TIMEOUT ->
                new RpcException(ErrorCode.TIMEOUT, false, text, null);
            case DubboFrames.BAD_REQUEST -> new RpcException(ErrorCode.BAD_REQUEST, true, text, null);
            case DubboFrames.BAD_RESPONSE -> new RpcException(ErrorCode.SERIALIZATION, false, text, null);
            case DubboFrames.SERVICE_NOT_FOUND -> new RpcException(ErrorCode.NO_PROVIDER, true, text, null);
            case DubboFrames.SERVER_THREADPOOL_EXHAUSTED_ERROR ->
                new RpcException(ErrorCode.SERVER_BUSY, true, text, null);
            case DubboFrames.SERVICE_ERROR ->
                message != null && message.startsWith("Not found exported service")
                        ? new RpcException(ErrorCode.NO_PROVIDER, true, text, null)
                        : new RpcException(ErrorCode.PROVIDER_ERROR, false, text, null);
            default -> new RpcException(ErrorCode.PROVIDER_ERROR, false, text, null);
        };
    }
}

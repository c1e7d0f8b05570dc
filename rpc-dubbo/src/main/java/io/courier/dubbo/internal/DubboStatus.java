package io.courier.dubbo.internal;

import io.courier.api.ErrorCode;

/**
 * The response status a Dubbo consumer hears for a call Courier refused or failed (docs/dubbo.md has
 * the table). Dubbo's consumers turn every status but {@code OK} into an exception carrying the
 * response's message; its failover cluster retries them on another provider, timeouts included.
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
}

package io.courier.grpc.internal.client;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.grpc.GrpcStatus;
import io.courier.grpc.internal.wire.MessageDeframer;
import io.courier.grpc.internal.wire.Metadata;
import io.courier.grpc.internal.wire.StatusMessages;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2ResetFrame;
import java.util.Map;

/**
 * How the gRPC client reads what a server answers on a call's stream: the HTTP status, the trailers'
 * {@code grpc-status} and {@code grpc-message}, metadata, a reset; and the one place that turns each into
 * Courier's {@link RpcException}, by the one status table ({@link GrpcStatus#errorCode()}).
 *
 * @param where the server and the method, for messages
 * @param timeoutIsDeadline whether the call's timeout is the caller's deadline rather than the
 *     reference's per-attempt timeout: a {@code DEADLINE_EXCEEDED} is then the caller's {@code
 *     DEADLINE_EXCEEDED}, else the attempt's {@code TIMEOUT}, which may be retried as Courier's timeouts are
 */
record Answers(String where, boolean timeoutIsDeadline) {

    /** How much sooner than the caller's timer a server's deadline may fire (clocks, scheduling). */
    private static final long DEADLINE_SLACK_NANOS = 20_000_000L;

    /** The failure of an answer whose HTTP status is not 200, or {@code null} for a gRPC answer. */
    RpcException httpFailure(Http2Headers headers) {
        CharSequence status = headers.status();
        if (status == null || "200".contentEquals(status)) {
            return null;
        }
        return failure(HttpStatuses.grpcStatus(status), "HTTP status " + status + " (not a gRPC answer)");
    }

    /** A message deframer for the answer whose response headers are {@code headers}. */
    static MessageDeframer deframer(io.netty.buffer.ByteBufAllocator alloc, int maxMessageBytes, Http2Headers headers) {
        return new MessageDeframer(alloc, maxMessageBytes, "gzip".equals(String.valueOf(headers.get("grpc-encoding"))));
    }

    /** The call's failure that {@code trailers} report, or {@code null} for {@code grpc-status: 0}. */
    RpcException trailersFailure(Http2Headers trailers) {
        CharSequence code = trailers.get("grpc-status");
        if (code == null) {
            return failure(GrpcStatus.UNKNOWN, "no grpc-status in the trailers");
        }
        GrpcStatus status;
        try {
            status = GrpcStatus.ofCode(Integer.parseInt(code.toString()));
        } catch (NumberFormatException e) {
            status = GrpcStatus.UNKNOWN;
        }
        if (status == GrpcStatus.OK) {
            return null;
        }
        CharSequence message = trailers.get("grpc-message");
        return failure(status, message == null ? "" : StatusMessages.decode(message));
    }

    /** A message of the answer that cannot be taken, after the server ran the call. */
    RpcException refused(MessageDeframer.StatusException e) {
        ErrorCode code =
                e.status == GrpcStatus.RESOURCE_EXHAUSTED ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.SERIALIZATION;
        return new RpcException(code, false, where + ": the answer is refused: " + e.getMessage(), null);
    }

    /** A message of the answer that the method's marshaller cannot read. */
    RpcException unreadable(Exception e) {
        return new RpcException(
                ErrorCode.SERIALIZATION, false, where + ": the response cannot be read: " + e.getMessage(), e);
    }

    /**
     * The server reset the stream: not executed when it refused it before taking the call; the call's
     * timeout when the server cancelled it at the deadline {@code grpc-timeout} gave it (grpc-java's server
     * resets with {@code CANCEL} then), which is when {@code elapsedNanos} of the call reach about {@code
     * timeoutNanos} (0 for none).
     */
    RpcException reset(Http2ResetFrame reset, long elapsedNanos, long timeoutNanos) {
        if (reset.errorCode() == Http2Error.CANCEL.code() && atDeadline(elapsedNanos, timeoutNanos)) {
            return timeout("the server cancelled the stream at its deadline");
        }
        boolean refused = reset.errorCode() == Http2Error.REFUSED_STREAM.code();
        return new RpcException(
                ErrorCode.NETWORK,
                refused,
                where + ": the server reset the stream (" + Http2Error.valueOf(reset.errorCode()) + ")"
                        + (refused ? ", before it took the call" : ""),
                null);
    }

    /** The server's GOAWAY left the stream out: it never saw the call. */
    RpcException goneAway() {
        return new RpcException(
                ErrorCode.NETWORK, true, where + ": the server sent GOAWAY before it took the call", null);
    }

    /**
     * The stream or its connection closed before the answer ended: the call's timeout when that was at the
     * deadline the server was given (the server's reset may close the stream before its frame is read).
     */
    RpcException closed(long elapsedNanos, long timeoutNanos) {
        if (atDeadline(elapsedNanos, timeoutNanos)) {
            return timeout("the stream closed at the server's deadline");
        }
        return new RpcException(ErrorCode.NETWORK, false, where + ": the stream closed before the answer", null);
    }

    /** Whether {@code elapsedNanos} of a call reach about its {@code timeoutNanos} (0 for none). */
    private static boolean atDeadline(long elapsedNanos, long timeoutNanos) {
        return timeoutNanos > 0 && elapsedNanos >= timeoutNanos - Math.min(timeoutNanos / 10, DEADLINE_SLACK_NANOS);
    }

    /** The call's time passed with no (whole) answer. */
    RpcException timeout(String message) {
        return timeoutIsDeadline
                ? new RpcException(ErrorCode.DEADLINE_EXCEEDED, false, where + ": deadline passed, " + message, null)
                : new RpcException(ErrorCode.TIMEOUT, false, where + ": " + message, null);
    }

    /** The failure the status {@code status} with {@code message} is for a Courier caller. */
    RpcException failure(GrpcStatus status, String message) {
        ErrorCode code = status.errorCode();
        if (code == ErrorCode.DEADLINE_EXCEEDED && !timeoutIsDeadline) {
            return timeout("the server answered DEADLINE_EXCEEDED: " + message);
        }
        return new RpcException(
                code, code.notExecutedByDefault(), where + " answered " + status + ": " + message, null);
    }

    /** Adds the metadata of {@code headers} (but {@code grpc-*} and pseudo-headers) to {@code attachments}. */
    static void keepMetadata(Http2Headers headers, Map<String, String> attachments) {
        for (Map.Entry<String, String> entry : Metadata.attachments(headers).entrySet()) {
            if (!entry.getKey().startsWith("grpc-")) {
                attachments.put(entry.getKey(), entry.getValue());
            }
        }
    }
}

package io.courier.protocol.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courier.api.ErrorCode;
import io.courier.api.RemoteException;
import io.courier.api.RpcException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one table of Courier's {@link ErrorCode}s as HTTP statuses, both ways, and errors as RFC 9457
 * problem details ({@code application/problem+json}: {@code type}, {@code title}, {@code status},
 * {@code detail}), never a stack trace. Shared by every door that answers HTTP (the gateway, REST on the
 * provider's port) and by REST clients reading a stock server's status.
 */
public final class ProblemDetails {

    /** The media type of a problem document. */
    public static final String CONTENT_TYPE = "application/problem+json";

    /** The longest {@code detail} or {@code message} written, in chars; longer text is cut. */
    public static final int MAX_DETAIL_CHARS = 1024;

    /** The status of a provider's business exception: the request was understood and refused by the code. */
    public static final int BUSINESS_EXCEPTION = 422;

    private ProblemDetails() {}

    /** A problem's status and its document. */
    public record Problem(int status, ObjectNode body) {}

    /** A problem with {@code status} (its reason phrase as {@code title}) and {@code detail}. */
    public static Problem of(int status, String title, String detail) {
        ObjectNode body = JsonNodeFactory.instance
                .objectNode()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", truncate(detail));
        return new Problem(status, body);
    }

    /**
     * The problem a failed call becomes: a framework failure has its code's status and names the code
     * ({@code code}); a provider's business exception is 422 with its class and message ({@code
     * exception}, {@code message}).
     */
    public static Problem ofFailure(Throwable failure, java.util.function.IntFunction<String> titles) {
        Throwable cause = unwrap(failure);
        if (cause instanceof RpcException rpc) {
            int status = statusOf(rpc.code());
            Problem problem = of(status, titles.apply(status), rpc.getMessage());
            problem.body().put("code", rpc.code().name());
            return problem;
        }
        String className = cause instanceof RemoteException remote
                ? remote.remoteClassName()
                : cause.getClass().getName();
        String message = cause instanceof RemoteException remote ? remoteMessage(remote) : cause.getMessage();
        Problem problem = of(BUSINESS_EXCEPTION, "Business exception", "the service threw " + className);
        problem.body().put("exception", className).put("message", truncate(message));
        return problem;
    }

    /** The HTTP status of a framework failure. */
    public static int statusOf(ErrorCode code) {
        return switch (code) {
            case BAD_REQUEST, SERIALIZATION -> 400;
            case FORBIDDEN -> 403;
            case NO_PROVIDER, SERVER_BUSY, GOING_AWAY, CIRCUIT_OPEN, CONNECT_FAILED, CLOSED -> 503;
            case RATE_LIMITED -> 429;
            case TIMEOUT, DEADLINE_EXCEEDED -> 504;
            case PAYLOAD_TOO_LARGE -> 413;
            case NETWORK, PROVIDER_ERROR, UNKNOWN -> 502;
        };
    }

    /**
     * The error an HTTP error status of a server Courier calls becomes, so that the cluster retries it by
     * that code's rule: the reverse of {@link #statusOf}, with the statuses of stock servers besides (any
     * other 4xx is {@code BAD_REQUEST}, any other 5xx {@code PROVIDER_ERROR}).
     */
    public static ErrorCode codeOf(int status) {
        return switch (status) {
            case 401, 403 -> ErrorCode.FORBIDDEN;
            case 408 -> ErrorCode.TIMEOUT;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 502 -> ErrorCode.NETWORK;
            case 503 -> ErrorCode.SERVER_BUSY;
            case 504 -> ErrorCode.TIMEOUT;
            default -> status >= 400 && status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.PROVIDER_ERROR;
        };
    }

    private static String remoteMessage(RemoteException remote) {
        String text = remote.getMessage();
        String prefix = remote.remoteClassName() + ": ";
        return text != null && text.startsWith(prefix) ? text.substring(prefix.length()) : null;
    }

    /** The failure inside the wrappers of futures. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** {@code text} cut to {@link #MAX_DETAIL_CHARS}. */
    public static String truncate(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= MAX_DETAIL_CHARS ? text : text.substring(0, MAX_DETAIL_CHARS) + "...";
    }
}

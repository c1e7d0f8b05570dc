package io.courier.gateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courier.api.ErrorCode;
import io.courier.api.RemoteException;
import io.courier.api.RpcException;
import io.courier.api.ServiceKey;
import io.courier.protocol.json.JsonMappers;
import io.courier.security.BearerTokens;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Errors as RFC 9457 problem details ({@code application/problem+json}: {@code type}, {@code
 * title}, {@code status}, {@code detail}), never a stack trace, and the one mapping of Courier's
 * {@link ErrorCode}s to HTTP statuses. A provider's business exception is 422 with its class and
 * message ({@code exception}, {@code message}). A provider's refusal of a forwarded bearer token
 * ({@link BearerTokens#isRejection}) is 401, any other {@code FORBIDDEN} 403.
 */
final class Problems {

    static final String CONTENT_TYPE = "application/problem+json";
    static final int MAX_DETAIL_CHARS = 1024;

    private Problems() {}

    /** A problem with {@code status} and {@code detail}. */
    static Problem of(HttpResponseStatus status, String detail) {
        ObjectNode body = JsonNodeFactory.instance
                .objectNode()
                .put("type", "about:blank")
                .put("title", status.reasonPhrase())
                .put("status", status.code())
                .put("detail", truncate(detail));
        return new Problem(status, body);
    }

    /** The problem a failed call becomes. */
    static Problem noSuchService(ServiceKey key) {
        return of(HttpResponseStatus.NOT_FOUND, "no such service: " + JsonMappers.printable(key.toString()));
    }

    static Problem noSuchMethod(ServiceKey key, String method) {
        return of(HttpResponseStatus.NOT_FOUND, "no such method of " + key + ": " + JsonMappers.printable(method));
    }

    static Problem ofFailure(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (BearerTokens.isRejection(cause)) {
            // the provider's jwt filter refused the forwarded token: fixed text, never the token
            Problem problem = of(HttpResponseStatus.UNAUTHORIZED, "the bearer token was rejected by the service");
            problem.body().put("code", ErrorCode.FORBIDDEN.name());
            return problem;
        }
        if (cause instanceof RpcException rpc) {
            Problem problem = of(statusOf(rpc.code()), rpc.getMessage());
            problem.body().put("code", rpc.code().name());
            return problem;
        }
        String className = cause instanceof RemoteException remote
                ? remote.remoteClassName()
                : cause.getClass().getName();
        String message = cause instanceof RemoteException remote ? remoteMessage(remote) : cause.getMessage();
        Problem problem = of(HttpResponseStatus.UNPROCESSABLE_ENTITY, "the service threw " + className);
        problem.body()
                .put("title", "Business exception")
                .put("exception", className)
                .put("message", truncate(message));
        return problem;
    }

    /** The HTTP status of a framework failure. */
    static HttpResponseStatus statusOf(ErrorCode code) {
        return switch (code) {
            case BAD_REQUEST, SERIALIZATION -> HttpResponseStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpResponseStatus.FORBIDDEN;
            case NO_PROVIDER, SERVER_BUSY, GOING_AWAY, CIRCUIT_OPEN, CONNECT_FAILED, CLOSED ->
                HttpResponseStatus.SERVICE_UNAVAILABLE;
            case RATE_LIMITED -> HttpResponseStatus.TOO_MANY_REQUESTS;
            case TIMEOUT, DEADLINE_EXCEEDED -> HttpResponseStatus.GATEWAY_TIMEOUT;
            case PAYLOAD_TOO_LARGE -> HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
            case NETWORK, PROVIDER_ERROR, UNKNOWN -> HttpResponseStatus.BAD_GATEWAY;
        };
    }

    private static String remoteMessage(RemoteException remote) {
        String text = remote.getMessage();
        String prefix = remote.remoteClassName() + ": ";
        return text != null && text.startsWith(prefix) ? text.substring(prefix.length()) : null;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String truncate(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= MAX_DETAIL_CHARS ? text : text.substring(0, MAX_DETAIL_CHARS) + "...";
    }

    /** A status and its problem document. */
    record Problem(HttpResponseStatus status, ObjectNode body) {}
}

package io.courier.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courier.api.ErrorCode;
import io.courier.api.ServiceKey;
import io.courier.protocol.json.JsonMappers;
import io.courier.protocol.json.ProblemDetails;
import io.courier.security.BearerTokens;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Errors as RFC 9457 problem details ({@code application/problem+json}: {@code type}, {@code
 * title}, {@code status}, {@code detail}), never a stack trace, and the one mapping of Courier's
 * {@link ErrorCode}s to HTTP statuses. A provider's business exception is 422 with its class and
 * message ({@code exception}, {@code message}). A provider's refusal of a forwarded bearer token
 * ({@link BearerTokens#isRejection}) is 401, any other {@code FORBIDDEN} 403.
 */
final class Problems {

    static final String CONTENT_TYPE = ProblemDetails.CONTENT_TYPE;
    static final int MAX_DETAIL_CHARS = ProblemDetails.MAX_DETAIL_CHARS;

    private Problems() {}

    /** A problem with {@code status} and {@code detail}. */
    static Problem of(HttpResponseStatus status, String detail) {
        return new Problem(
                status,
                ProblemDetails.of(status.code(), status.reasonPhrase(), detail).body());
    }

    /**
     * A service the gateway has no metadata of. The gateway calls what providers described in the registry's
     * service metadata; a registry that keeps none (it offers discovery only) gives it nothing to call, which
     * the detail says, so that a provider found by discovery but not callable here is not a mystery.
     */
    static Problem noSuchService(ServiceKey key) {
        return of(
                HttpResponseStatus.NOT_FOUND,
                "no such service: " + JsonMappers.printable(key.toString())
                        + " (expected: a provider of it that published its metadata in the registry; a registry"
                        + " that keeps no service metadata offers the gateway nothing to call: see docs/registry.md,"
                        + " \"Registries and what they offer\")");
    }

    static Problem noSuchMethod(ServiceKey key, String method) {
        return of(HttpResponseStatus.NOT_FOUND, "no such method of " + key + ": " + JsonMappers.printable(method));
    }

    static Problem ofFailure(Throwable failure) {
        Throwable cause = ProblemDetails.unwrap(failure);
        if (BearerTokens.isRejection(cause)) {
            // the provider's jwt filter refused the forwarded token: fixed text, never the token
            Problem problem = of(HttpResponseStatus.UNAUTHORIZED, "the bearer token was rejected by the service");
            problem.body().put("code", ErrorCode.FORBIDDEN.name());
            return problem;
        }
        ProblemDetails.Problem problem = ProblemDetails.ofFailure(
                cause, status -> HttpResponseStatus.valueOf(status).reasonPhrase());
        return new Problem(HttpResponseStatus.valueOf(problem.status()), problem.body());
    }

    /** The HTTP status of a framework failure ({@link ProblemDetails#statusOf}, the one table). */
    static HttpResponseStatus statusOf(ErrorCode code) {
        return HttpResponseStatus.valueOf(ProblemDetails.statusOf(code));
    }

    /** A status and its problem document. */
    record Problem(HttpResponseStatus status, ObjectNode body) {}
}

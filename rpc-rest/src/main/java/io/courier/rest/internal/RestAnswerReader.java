package io.courier.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.api.ErrorCode;
import io.courier.api.RemoteException;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.protocol.json.JsonMappers;
import io.courier.protocol.json.ProblemDetails;
import io.courier.protocol.serialization.JsonSerializer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A REST server's answer as the call's result: a 2xx body read as the method's result type by the
 * {@code json} serializer under the reference's allow-list ({@code text/plain} as it is for a {@code
 * String}); an error status as the {@link ErrorCode} of the one status table ({@link
 * ProblemDetails#codeOf}), or, from a Courier provider, the code or business exception its problem JSON
 * names, so that the cluster retries by that code's rule.
 */
final class RestAnswerReader {

    private static final JsonSerializer JSON = new JsonSerializer();

    private RestAnswerReader() {}

    /**
     * @param where the server and route, for messages
     * @throws RpcException {@code SERIALIZATION} when a 2xx body is not the result type
     */
    static RpcResult read(
            int status, String contentType, byte[] body, Type resultType, DeserializationPolicy policy, String where) {
        if (status >= 200 && status < 300) {
            return RpcResult.of(value(contentType, body, resultType, policy, where));
        }
        JsonNode problem = problem(contentType, body);
        if (problem != null && problem.hasNonNull("exception")) {
            return RpcResult.ofException(new RemoteException(
                    problem.get("exception").asText(), problem.path("message").asText(null), new StackTraceElement[0]));
        }
        ErrorCode code = ProblemDetails.codeOf(status);
        if (problem != null && problem.hasNonNull("code")) {
            try {
                code = ErrorCode.valueOf(problem.get("code").asText());
            } catch (IllegalArgumentException e) {
                // a code this release does not know: the status decides
            }
        }
        String detail = problem != null && problem.hasNonNull("detail")
                ? problem.get("detail").asText()
                : new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
        throw new RpcException(
                code,
                code.notExecutedByDefault(),
                where + " answered " + status + ": " + JsonMappers.printable(detail),
                null);
    }

    private static Object value(
            String contentType, byte[] body, Type resultType, DeserializationPolicy policy, String where) {
        if (resultType == void.class || resultType == Void.class || body.length == 0) {
            return null;
        }
        if (resultType == String.class
                && contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("text/plain")) {
            return new String(body, StandardCharsets.UTF_8);
        }
        try {
            return JSON.reader(ByteSource.of(new ByteArrayInputStream(body)), policy)
                    .read(resultType);
        } catch (RpcException e) {
            throw new RpcException(ErrorCode.SERIALIZATION, false, where + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    false,
                    where + " answered what is not JSON of " + resultType.getTypeName(),
                    e);
        }
    }

    private static JsonNode problem(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(ProblemDetails.CONTENT_TYPE)) {
            return null;
        }
        try {
            JsonNode node = JsonMappers.reading(8, 4096).readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}

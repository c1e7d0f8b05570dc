package io.courier.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.json.JsonMappers;
import io.courier.protocol.serialization.JsonSerializer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A request's arguments for its route: path, query and header text converted by {@link TextValues},
 * the body read by the {@code json} serializer under the service's class allow-list and limits (the
 * same rules as every JSON call). Every failure is {@code BAD_REQUEST} naming the parameter, before the
 * method runs.
 */
final class RestArguments {

    private static final Serializer JSON = new JsonSerializer();

    private RestArguments() {}

    /**
     * @param pathValues the decoded path variables
     * @param query the decoded query parameters
     * @param headers a header's values by name
     * @throws RpcException {@code BAD_REQUEST}, not executed, naming the parameter and the expectation
     */
    static Object[] of(
            Route route,
            Map<String, String> pathValues,
            Map<String, List<String>> query,
            Function<String, List<String>> headers,
            byte[] body,
            DeserializationPolicy policy) {
        List<Binding> bindings = route.bindings();
        Object[] arguments = new Object[bindings.size()];
        JsonNode array = route.annotated() ? null : array(body, policy, bindings.size());
        for (int i = 0; i < arguments.length; i++) {
            Binding binding = bindings.get(i);
            arguments[i] = switch (binding.source()) {
                case PATH, QUERY, HEADER -> text(binding, pathValues, query, headers);
                case BODY -> body(binding, body, policy);
                case ARGUMENTS -> element(binding, array.get(i), policy);
            };
        }
        return arguments;
    }

    /**
     * The JSON array of a request's arguments, for a caller that calls by JSON without the service's
     * classes (the gateway): each path, query and header value converted as {@link #of} converts it, then
     * written as JSON; the body as it came ({@code null} when empty), for the provider to read.
     *
     * @throws RpcException {@code BAD_REQUEST}, not executed, naming the parameter and the expectation
     */
    static byte[] json(
            Route route,
            Map<String, String> pathValues,
            Map<String, List<String>> query,
            Function<String, List<String>> headers,
            byte[] body) {
        java.io.ByteArrayOutputStream array = new java.io.ByteArrayOutputStream(64 + body.length);
        array.write('[');
        for (Binding binding : route.bindings()) {
            if (array.size() > 1) {
                array.write(',');
            }
            Object value = binding.source() == Binding.Source.BODY || binding.source() == Binding.Source.ARGUMENTS
                    ? null
                    : text(binding, pathValues, query, headers);
            if (binding.source() == Binding.Source.BODY && body.length > 0) {
                array.writeBytes(body);
            } else {
                try {
                    array.writeBytes(JsonMappers.writing().writeValueAsBytes(value));
                } catch (IOException e) {
                    throw refused(binding.describe() + ": " + e.getMessage());
                }
            }
        }
        array.write(']');
        return array.toByteArray();
    }

    /** The value of a path, query or header binding, converted. */
    private static Object text(
            Binding binding,
            Map<String, String> pathValues,
            Map<String, List<String>> query,
            Function<String, List<String>> headers) {
        return switch (binding.source()) {
            case PATH -> text(binding, List.of(pathValues.get(binding.name())));
            case QUERY -> text(binding, query.getOrDefault(binding.name(), List.of()));
            default -> text(binding, headerValues(headers.apply(binding.name()), binding));
        };
    }

    private static List<String> headerValues(List<String> values, Binding binding) {
        // a header's list may be one line of values separated by commas
        if (!TextValues.many(binding.type()) || values.size() != 1) {
            return values;
        }
        return List.of(values.get(0).split("\\s*,\\s*"));
    }

    private static Object text(Binding binding, List<String> given) {
        List<String> values =
                given.isEmpty() && binding.defaultValue() != null ? List.of(binding.defaultValue()) : given;
        try {
            return TextValues.parseAll(values, binding.type());
        } catch (IllegalArgumentException e) {
            String value = values.isEmpty() ? "" : values.get(values.size() - 1);
            throw refused(binding.describe() + ": '" + JsonMappers.printable(value) + "' (" + e.getMessage() + ")");
        }
    }

    private static Object body(Binding binding, byte[] body, DeserializationPolicy policy) {
        if (body.length == 0) {
            if (binding.type() instanceof Class<?> raw && raw.isPrimitive()) {
                throw refused("the body is empty (expected: JSON of " + raw.getName() + ")");
            }
            return null;
        }
        return read(binding, body, policy);
    }

    private static JsonNode array(byte[] body, DeserializationPolicy policy, int count) {
        if (body.length == 0 && count == 0) {
            return null;
        }
        JsonNode array = (JsonNode) read(new Binding(Binding.Source.BODY, "", JsonNode.class, null), body, policy);
        if (array == null || !array.isArray() || array.size() != count) {
            throw refused("the body (expected: a JSON array of " + count + " argument" + (count == 1 ? ")" : "s)"));
        }
        return array;
    }

    private static Object element(Binding binding, JsonNode element, DeserializationPolicy policy) {
        try {
            return read(binding, JsonMappers.writing().writeValueAsBytes(element), policy);
        } catch (IOException e) {
            throw refused(binding.describe() + ": " + e.getMessage());
        }
    }

    private static Object read(Binding binding, byte[] json, DeserializationPolicy policy) {
        try {
            return JSON.reader(ByteSource.of(new ByteArrayInputStream(json)), policy)
                    .read(binding.type());
        } catch (RpcException e) {
            throw refused(binding.describe() + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw refused(
                    binding.describe() + " is not JSON of " + binding.type().getTypeName());
        }
    }

    private static RpcException refused(String message) {
        return new RpcException(ErrorCode.BAD_REQUEST, true, message, null);
    }
}

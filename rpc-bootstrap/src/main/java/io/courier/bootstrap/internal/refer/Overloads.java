package io.courier.bootstrap.internal.refer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.protocol.json.JsonMappers;
import io.courier.protocol.json.SchemaCheck;
import io.courier.protocol.json.ServiceMetadata;
import io.courier.protocol.json.ServiceMetadata.MethodMetadata;
import java.util.Iterator;
import java.util.List;

/**
 * Which overload of a generic call's method its JSON arguments fit, by count and then by schema, and
 * those arguments by position. What does not fit is a {@code BAD_REQUEST} naming the parameter.
 */
final class Overloads {

    /** One method of the service: its metadata (names, schemas) and its descriptor. */
    record Bound(MethodMetadata metadata, MethodDescriptor descriptor) {}

    private Overloads() {}

    /** The method of that name taking as many arguments as given, the first whose schemas they fit. */
    static Bound choose(List<Bound> candidates, JsonNode given, ObjectNode definitions) {
        Bound first = null;
        for (Bound candidate : candidates) {
            if (jsonParameters(candidate) != given.size() && given.isArray()) {
                continue;
            }
            if (candidates.size() == 1 || fits(candidate, given, definitions)) {
                return candidate;
            }
            first = first == null ? candidate : first;
        }
        if (first != null) {
            return first; // its mismatch is the error the caller sees
        }
        Bound only = candidates.get(0);
        if (candidates.size() == 1) {
            throw GenericReference.bad(only.descriptor().name() + ": " + given.size() + " arguments (expected: "
                    + jsonParameters(only) + ", "
                    + names(only.metadata().parameters()) + ")");
        }
        throw GenericReference.bad(only.descriptor().name() + ": no overload takes " + given.size() + " arguments");
    }

    private static boolean fits(Bound candidate, JsonNode given, ObjectNode definitions) {
        try {
            return mismatch(candidate, arguments(candidate, given), definitions) == null;
        } catch (RpcException e) {
            return false;
        }
    }

    /** The parameters given as JSON: all but a stream's messages. */
    private static int jsonParameters(Bound bound) {
        return bound.metadata().parameters().size() - (bound.metadata().streamParameter() >= 0 ? 1 : 0);
    }

    /**
     * The arguments by position (the stream parameter left out); by name, every given name must be a
     * parameter other than the stream's. The stream parameter's place is left {@code null}.
     */
    static Object[] arguments(Bound bound, JsonNode given) {
        List<ServiceMetadata.ParameterMetadata> parameters = bound.metadata().parameters();
        int streamParameter = bound.metadata().streamParameter();
        Object[] values = new Object[parameters.size()];
        if (given.isObject()) {
            for (Iterator<String> names = given.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                int position = position(parameters, name);
                if (position < 0 || position == streamParameter) {
                    throw GenericReference.bad(bound.descriptor().name() + ": unknown parameter '"
                            + JsonMappers.printable(name) + "' (expected: " + names(parameters) + ")");
                }
            }
        }
        int next = 0;
        for (int i = 0; i < values.length; i++) {
            if (i == streamParameter) {
                continue;
            }
            JsonNode value = given.isArray()
                    ? given.get(next++)
                    : given.get(parameters.get(i).name());
            values[i] = value == null ? NullNode.instance : value;
        }
        return values;
    }

    private static int position(List<ServiceMetadata.ParameterMetadata> parameters, String name) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Which parameter does not fit its schema and how, or {@code null}. */
    static String mismatch(Bound bound, Object[] values, ObjectNode definitions) {
        List<ServiceMetadata.ParameterMetadata> parameters = bound.metadata().parameters();
        for (int i = 0; i < values.length; i++) {
            if (i == bound.metadata().streamParameter()) {
                continue; // its messages are the provider's to read, each into the declared type
            }
            String problem =
                    SchemaCheck.mismatch((JsonNode) values[i], parameters.get(i).schema(), definitions);
            if (problem != null) {
                return "parameter '" + parameters.get(i).name() + "' of "
                        + bound.descriptor().name() + ": " + problem;
            }
        }
        return null;
    }

    private static String names(List<ServiceMetadata.ParameterMetadata> parameters) {
        return parameters.stream()
                .map(ServiceMetadata.ParameterMetadata::name)
                .toList()
                .toString();
    }
}

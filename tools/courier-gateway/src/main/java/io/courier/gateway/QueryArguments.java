package io.courier.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courier.protocol.json.JsonMappers;
import java.util.List;
import java.util.Map;

/**
 * The arguments of a {@code GET} stream from its query: {@code ?topic="news"&limit=10} is the JSON
 * object {@code {"topic":"news","limit":10}}, each value one JSON value (a string in quotes). The
 * query is bounded by the request line's limit; the generic caller reads the object again under the
 * protocol's limits.
 */
final class QueryArguments {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private QueryArguments() {}

    /**
     * @throws IllegalArgumentException naming the parameter, if a value is not one JSON value or a
     *     name is given twice
     */
    static String of(Map<String, List<String>> parameters) {
        ObjectNode arguments = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (parameter.getValue().size() != 1) {
                throw new IllegalArgumentException("query parameter '" + JsonMappers.printable(name) + "': "
                        + parameter.getValue().size() + " values (expected: one JSON value)");
            }
            try {
                JsonNode value = MAPPER.readTree(parameter.getValue().get(0));
                if (value == null || value.isMissingNode()) {
                    throw new IllegalArgumentException("query parameter '" + JsonMappers.printable(name)
                            + "': empty (expected: one JSON value, a string in quotes)");
                }
                arguments.set(name, value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("query parameter '" + JsonMappers.printable(name)
                        + "': not JSON (expected: one JSON value, a string in quotes)");
            }
        }
        return arguments.toString();
    }
}

package io.courier.rest.internal;

import io.courier.api.Endpoint;
import io.courier.api.Invocation;
import io.courier.protocol.json.JsonMappers;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;

/**
 * The HTTP request of a call by its route: the path with each variable's value encoded as one segment,
 * the query's parameters (a collection as repeated parameters; {@code null} left out), the headers
 * (a collection joined by commas), the body as JSON, and the call's W3C trace context ({@code
 * traceparent}, {@code tracestate}) and time ({@value RestRequests#TIMEOUT_HEADER}). No other attachment
 * leaves the process: a stock server is not Courier's to tell its tokens to.
 */
final class RestRequestWriter {

    private static final List<String> FORWARDED = List.of("traceparent", "tracestate");

    private RestRequestWriter() {}

    /**
     * @throws IOException if an argument cannot be written as JSON
     * @throws IllegalArgumentException if a path variable is {@code null} or a header value not printable
     */
    static HttpRequest of(Endpoint endpoint, Route route, Invocation invocation, long timeoutMillis)
            throws IOException {
        Object[] arguments = invocation.arguments();
        List<Binding> bindings = route.bindings();
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        HttpRequest.Builder request = HttpRequest.newBuilder()
                .timeout(Duration.ofMillis(timeoutMillis))
                .header("Accept", "application/json")
                .header(RestRequests.TIMEOUT_HEADER, Long.toString(timeoutMillis));
        byte[] body = null;
        for (int i = 0; i < bindings.size(); i++) {
            Binding binding = bindings.get(i);
            Object value = arguments[i];
            switch (binding.source()) {
                case QUERY -> values(value).forEach(v -> query.add(encode(binding.name()) + "=" + encode(v)));
                case HEADER -> {
                    List<String> values = values(value);
                    if (!values.isEmpty()) {
                        request.header(binding.name(), String.join(", ", values));
                    }
                }
                case BODY -> body = value == null ? null : JsonMappers.writing().writeValueAsBytes(value);
                default -> {
                    // path variables are expanded below, the default route's arguments are its body
                }
            }
        }
        if (!route.annotated()) {
            body = JsonMappers.writing().writeValueAsBytes(arguments);
        }
        for (String name : FORWARDED) {
            String value = invocation.attachment(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        String path = route.path().expand(name -> pathValue(route, arguments, name));
        request.uri(URI.create("http://" + authority(endpoint) + path + query));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpRequest.BodyPublisher publisher =
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        return request.method(route.verb(), publisher).build();
    }

    private static String authority(Endpoint endpoint) {
        String host = endpoint.host();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + endpoint.port();
    }

    private static String pathValue(Route route, Object[] arguments, String name) {
        for (int i = 0; i < arguments.length; i++) {
            Binding binding = route.bindings().get(i);
            if (binding.source() == Binding.Source.PATH && binding.name().equals(name)) {
                if (arguments[i] == null) {
                    throw new IllegalArgumentException(
                            binding.describe() + " is null (expected: a value for " + route + ")");
                }
                return TextValues.format(arguments[i]);
            }
        }
        throw new IllegalArgumentException("no value for {" + name + "} of " + route);
    }

    private static List<String> values(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> many) {
            return many.stream().filter(v -> v != null).map(TextValues::format).toList();
        }
        return List.of(TextValues.format(value));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

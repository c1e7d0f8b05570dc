package io.courier.rest.internal;

import io.courier.api.MethodDescriptor;
import java.util.List;

/**
 * One method of a service as an HTTP resource: its verb and path template, where each parameter comes
 * from, and the media types it reads and writes (JSON; {@code text/plain} too for a {@code String}
 * answer). Immutable.
 *
 * @param verb {@code GET}, {@code POST}, ...
 * @param path the template, class and method {@code @Path} joined
 * @param method the service's method
 * @param bindings one per parameter, in order
 * @param annotated whether the method is mapped by annotations (else the default {@code POST
 *     /{service}/{method}}, whose body is the JSON array of the arguments)
 */
public record Route(
        String verb, PathTemplate path, MethodDescriptor method, List<Binding> bindings, boolean annotated) {

    public Route {
        bindings = List.copyOf(bindings);
    }

    /** Whether the request has a body to read. */
    boolean readsBody() {
        return bindings.stream()
                .anyMatch(b -> b.source() == Binding.Source.BODY || b.source() == Binding.Source.ARGUMENTS);
    }

    /** How the route is named in errors and docs: {@code GET /users/{id}}. */
    @Override
    public String toString() {
        return verb + " " + path;
    }
}

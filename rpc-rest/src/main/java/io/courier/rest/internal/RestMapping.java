package io.courier.rest.internal;

import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service interface's methods as {@link Route}s, from the JAX-RS annotations ({@code jakarta.ws.rs},
 * read as annotations only): {@code @GET @POST @PUT @DELETE @PATCH} with {@code @Path} on the interface
 * and the method, parameters from {@code @PathParam @QueryParam @HeaderParam} or the JSON body, {@code
 * @Consumes}/{@code @Produces} of JSON; or Spring Web's mapping annotations where a method has them
 * ({@link SpringWebAnnotations}). A method without them is {@code POST /{interface}/{method}} with
 * the JSON array of its arguments, as at the gateway (unless its name is overloaded, or it is a stream:
 * then it has no route). What cannot be served is refused in words when the service is mapped.
 */
public final class RestMapping {

    private static final Set<String> VERBS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");
    private static final Set<String> JSON = Set.of("application/json", "application/*", "*/*");

    private RestMapping() {}

    /**
     * The routes of {@code descriptor}'s interface.
     *
     * @throws IllegalArgumentException naming the method and what is wrong: two methods on one route, a
     *     path variable without its {@code @PathParam} or the reverse, a parameter type that does not
     *     convert from text, a second body, a body on a {@code GET}, a media type other than JSON, an
     *     unsupported verb or parameter annotation, a stream method with a verb
     */
    public static List<Route> of(ServiceDescriptor descriptor) {
        Class<?> type = descriptor.serviceInterface();
        Map<String, Integer> names = new HashMap<>();
        descriptor.methods().forEach(m -> names.merge(m.name(), 1, Integer::sum));
        List<Route> routes = new ArrayList<>();
        Map<String, Route> byShape = new HashMap<>();
        for (MethodDescriptor method : descriptor.methods()) {
            Route route = type == null ? null : annotated(type, method);
            if (route == null && !method.stream() && names.get(method.name()) == 1) {
                route = unannotated(descriptor.interfaceName(), method);
            }
            if (route == null) {
                continue;
            }
            Route before = byShape.putIfAbsent(route.verb() + " " + route.path().shape(), route);
            if (before != null) {
                throw new IllegalArgumentException(
                        descriptor.interfaceName() + ": " + before.method().name() + " and " + method.name()
                                + " are both " + route + " (expected: one method per verb and path)");
            }
            routes.add(route);
        }
        return List.copyOf(routes);
    }

    /** The verb of {@code method}: its annotation meta-annotated {@code @HttpMethod}, or null. */
    public static String verbOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static Route unannotated(String interfaceName, MethodDescriptor method) {
        List<Binding> bindings = new ArrayList<>();
        for (int i = 0; i < method.parameterCount(); i++) {
            bindings.add(
                    new Binding(Binding.Source.ARGUMENTS, Integer.toString(i), method.genericParameterType(i), null));
        }
        return new Route(
                "POST", PathTemplate.parse("/" + interfaceName + "/" + method.name()), method, bindings, false);
    }

    private static Route annotated(Class<?> type, MethodDescriptor descriptor) {
        Method method = descriptor.method();
        String verb = verbOf(method);
        String where = type.getName() + "." + method.getName();
        Annotation spring = verb == null ? SpringWebAnnotations.mappingOf(method) : null;
        if (spring != null) {
            verb = SpringWebAnnotations.verbOf(where, spring);
        }
        if (verb == null) {
            if (method.isAnnotationPresent(Path.class)) {
                throw new IllegalArgumentException(where + ": @Path without a verb (expected: @GET, @POST, @PUT,"
                        + " @DELETE or @PATCH; sub-resource locators are not supported)");
            }
            return null;
        }
        if (!VERBS.contains(verb)) {
            throw new IllegalArgumentException(where + ": @" + verb + " (expected: one of " + VERBS + ")");
        }
        if (descriptor.stream()) {
            throw new IllegalArgumentException(where + ": a stream method has no REST mapping (expected: a unary"
                    + " method; streams are served by Courier's protocol, gRPC and the gateway)");
        }
        PathTemplate path = template(where, type, method, spring);
        List<Binding> bindings = bindings(where, verb, descriptor, spring != null);
        Set<String> bound = new HashSet<>();
        bindings.stream().filter(b -> b.source() == Binding.Source.PATH).forEach(b -> bound.add(b.name()));
        for (String variable : path.variables()) {
            if (!bound.remove(variable)) {
                throw new IllegalArgumentException(where + ": {" + variable + "} of " + path + " has no @PathParam(\""
                        + variable + "\") parameter");
            }
        }
        if (!bound.isEmpty()) {
            throw new IllegalArgumentException(
                    where + ": @PathParam " + bound + " missing from the path template " + path);
        }
        return new Route(verb, path, descriptor, bindings, true);
    }

    /** The method's path template, its media types checked, by JAX-RS's annotations or Spring's {@code mapping}. */
    private static PathTemplate template(String where, Class<?> type, Method method, Annotation mapping) {
        boolean spring = mapping != null;
        checkJson(
                where,
                "@Consumes",
                spring ? SpringWebAnnotations.mediaTypes(type, mapping, "consumes") : consumes(type, method));
        checkJson(
                where,
                "@Produces",
                spring ? SpringWebAnnotations.mediaTypes(type, mapping, "produces") : produces(type, method));
        String template =
                spring ? SpringWebAnnotations.path(where, type, mapping) : pathOf(type) + "/" + pathOf(method);
        try {
            return PathTemplate.parse(template);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    private static List<Binding> bindings(String where, String verb, MethodDescriptor descriptor, boolean spring) {
        Parameter[] parameters = descriptor.method().getParameters();
        List<Binding> bindings = new ArrayList<>();
        boolean body = false;
        for (int i = 0; i < parameters.length; i++) {
            Binding binding = spring
                    ? SpringWebAnnotations.binding(where, parameters[i], descriptor.genericParameterType(i))
                    : binding(where, parameters[i], descriptor.genericParameterType(i));
            if (binding.source() == Binding.Source.BODY) {
                if (body) {
                    throw new IllegalArgumentException(where + ": parameter " + i + " is a second body (expected: at"
                            + " most one parameter without @PathParam, @QueryParam or @HeaderParam)");
                }
                if (verb.equals("GET") || verb.equals("DELETE")) {
                    throw new IllegalArgumentException(where + ": parameter " + i + " would be the body of a " + verb
                            + " (expected: @PathParam, @QueryParam or @HeaderParam)");
                }
                body = true;
            } else if (TextValues.supports(binding.type()) && binding.defaultValue() != null) {
                try {
                    TextValues.parseAll(List.of(binding.defaultValue()), binding.type());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": @DefaultValue(\"" + binding.defaultValue() + "\") of "
                            + binding.describe() + " (" + e.getMessage() + ")");
                }
            } else if (!TextValues.supports(binding.type())) {
                throw new IllegalArgumentException(where + ": " + binding.describe() + " is a "
                        + binding.type().getTypeName()
                        + " (expected: a string, number, boolean, enum, UUID, java.time value, or a"
                        + " List or Set of one)");
            }
            bindings.add(binding);
        }
        return bindings;
    }

    private static Binding binding(String where, Parameter parameter, java.lang.reflect.Type type) {
        PathParam path = parameter.getAnnotation(PathParam.class);
        QueryParam query = parameter.getAnnotation(QueryParam.class);
        HeaderParam header = parameter.getAnnotation(HeaderParam.class);
        DefaultValue otherwise = parameter.getAnnotation(DefaultValue.class);
        String defaultValue = otherwise == null ? null : otherwise.value();
        if (path != null) {
            return new Binding(Binding.Source.PATH, path.value(), type, defaultValue);
        }
        if (query != null) {
            return new Binding(Binding.Source.QUERY, query.value(), type, defaultValue);
        }
        if (header != null) {
            return new Binding(Binding.Source.HEADER, header.value(), type, defaultValue);
        }
        for (Annotation annotation : parameter.getAnnotations()) {
            if (annotation.annotationType().getPackageName().equals("jakarta.ws.rs")
                    || annotation.annotationType().getPackageName().equals("jakarta.ws.rs.core")) {
                throw new IllegalArgumentException(
                        where + ": @" + annotation.annotationType().getSimpleName()
                                + " (expected: @PathParam, @QueryParam, @HeaderParam or none for the body)");
            }
        }
        return new Binding(Binding.Source.BODY, "", type, null);
    }

    private static String pathOf(java.lang.reflect.AnnotatedElement element) {
        Path path = element.getAnnotation(Path.class);
        return path == null ? "" : path.value();
    }

    private static String[] consumes(Class<?> type, Method method) {
        Consumes consumes = method.isAnnotationPresent(Consumes.class)
                ? method.getAnnotation(Consumes.class)
                : type.getAnnotation(Consumes.class);
        return consumes == null ? new String[0] : consumes.value();
    }

    private static String[] produces(Class<?> type, Method method) {
        Produces produces = method.isAnnotationPresent(Produces.class)
                ? method.getAnnotation(Produces.class)
                : type.getAnnotation(Produces.class);
        return produces == null ? new String[0] : produces.value();
    }

    private static void checkJson(String where, String annotation, String[] mediaTypes) {
        if (mediaTypes.length == 0) {
            return;
        }
        for (String value : mediaTypes) {
            for (String mediaType : value.split(",")) {
                String bare = mediaType.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
                if (JSON.contains(bare)) {
                    return;
                }
            }
        }
        throw new IllegalArgumentException(where + ": " + annotation + java.util.Arrays.toString(mediaTypes)
                + " (expected: application/json; other media types are not supported)");
    }
}

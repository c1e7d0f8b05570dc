package io.courier.rest.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * Spring Web's mapping annotations ({@code org.springframework.web.bind.annotation}: {@code @GetMapping
 * @PostMapping @PutMapping @DeleteMapping @PatchMapping}, {@code @RequestMapping} with one method, on the
 * interface for the prefix; {@code @PathVariable @RequestParam @RequestHeader @RequestBody}) read into the
 * same {@link Route} model as JAX-RS's, by name and reflection: rpc-rest needs no Spring class, and where
 * Spring Web is not on the class path no method carries them. Stateless.
 */
final class SpringWebAnnotations {

    private static final String PACKAGE = "org.springframework.web.bind.annotation";
    private static final String REQUEST_MAPPING = PACKAGE + ".RequestMapping";
    private static final Map<String, String> VERBS = Map.of(
            "GetMapping", "GET",
            "PostMapping", "POST",
            "PutMapping", "PUT",
            "DeleteMapping", "DELETE",
            "PatchMapping", "PATCH");
    /** Spring's {@code ValueConstants.DEFAULT_NONE}: the default value that says "none". */
    private static final String DEFAULT_NONE = "\n\t\t\n\t\t\n\ue000\ue001\ue002\n\t\t\t\t\n";

    private SpringWebAnnotations() {}

    /** The mapping annotation of {@code method}, or {@code null} when it has none. */
    static Annotation mappingOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            String name = annotation.annotationType().getName();
            if (name.equals(REQUEST_MAPPING)
                    || (name.startsWith(PACKAGE + ".") && VERBS.containsKey(simpleName(annotation)))) {
                return annotation;
            }
        }
        return null;
    }

    /**
     * The verb of {@code mapping} ({@link #mappingOf}).
     *
     * @throws IllegalArgumentException for a {@code @RequestMapping} of no method or of several
     */
    static String verbOf(String where, Annotation mapping) {
        String verb = VERBS.get(simpleName(mapping));
        if (verb != null) {
            return verb;
        }
        Object[] methods = (Object[]) attribute(mapping, "method");
        if (methods.length != 1) {
            throw new IllegalArgumentException(where + ": @RequestMapping of " + methods.length + " methods (expected:"
                    + " one, or @GetMapping, @PostMapping, @PutMapping, @DeleteMapping or @PatchMapping)");
        }
        return methods[0].toString();
    }

    /** The template: the interface's {@code @RequestMapping} path and the method's mapping path joined. */
    static String path(String where, Class<?> type, Annotation mapping) {
        Annotation prefix = annotation(type, REQUEST_MAPPING);
        String path = (prefix == null ? "" : onePath(where, prefix)) + "/" + onePath(where, mapping);
        if (path.contains("*") || path.contains("?")) {
            throw new IllegalArgumentException(where + ": path '" + path + "' has a wildcard (expected: literal"
                    + " segments and {name} variables; patterns are not supported)");
        }
        return path;
    }

    private static String onePath(String where, Annotation mapping) {
        String[] value = (String[]) attribute(mapping, "value");
        String[] path = (String[]) attribute(mapping, "path");
        String[] paths = value.length > 0 ? value : path;
        if (paths.length > 1) {
            throw new IllegalArgumentException(where + ": " + paths.length + " paths (expected: one path per method)");
        }
        return paths.length == 0 ? "" : paths[0];
    }

    /** The media types of the method's mapping, else of the interface's {@code @RequestMapping}. */
    static String[] mediaTypes(Class<?> type, Annotation mapping, String attribute) {
        String[] own = (String[]) attribute(mapping, attribute);
        Annotation prefix = annotation(type, REQUEST_MAPPING);
        return own.length > 0 || prefix == null ? own : (String[]) attribute(prefix, attribute);
    }

    /**
     * Where {@code parameter} comes from: {@code @PathVariable}, {@code @RequestParam} or {@code
     * @RequestHeader} by name (the parameter's own name when the annotation gives none, which needs
     * {@code -parameters}) with its {@code defaultValue}, or the body ({@code @RequestBody}).
     *
     * @throws IllegalArgumentException for a parameter without one of them, or with another of Spring's
     */
    static Binding binding(String where, Parameter parameter, Type type) {
        for (Annotation annotation : parameter.getAnnotations()) {
            if (!annotation.annotationType().getPackageName().equals(PACKAGE)) {
                continue;
            }
            Binding.Source source =
                    switch (simpleName(annotation)) {
                        case "PathVariable" -> Binding.Source.PATH;
                        case "RequestParam" -> Binding.Source.QUERY;
                        case "RequestHeader" -> Binding.Source.HEADER;
                        case "RequestBody" -> Binding.Source.BODY;
                        default -> throw refused(where, "@" + simpleName(annotation));
                    };
            if (source == Binding.Source.BODY) {
                return new Binding(source, "", type, null);
            }
            return new Binding(source, name(where, annotation, parameter), type, defaultValue(annotation));
        }
        throw refused(where, "parameter '" + parameter.getName() + "' without an annotation");
    }

    private static IllegalArgumentException refused(String where, String what) {
        return new IllegalArgumentException(
                where + ": " + what + " (expected: @PathVariable, @RequestParam, @RequestHeader or @RequestBody)");
    }

    private static String name(String where, Annotation annotation, Parameter parameter) {
        String value = (String) attribute(annotation, "value");
        String name = value.isEmpty() ? (String) attribute(annotation, "name") : value;
        if (!name.isEmpty()) {
            return name;
        }
        if (!parameter.isNamePresent()) {
            throw new IllegalArgumentException(where + ": @" + simpleName(annotation) + " without a name on "
                    + parameter.getName() + " (expected: a name, or classes compiled with -parameters)");
        }
        return parameter.getName();
    }

    private static String defaultValue(Annotation annotation) {
        if (simpleName(annotation).equals("PathVariable")) {
            return null;
        }
        String value = (String) attribute(annotation, "defaultValue");
        return value.equals(DEFAULT_NONE) ? null : value;
    }

    private static Annotation annotation(AnnotatedElement element, String name) {
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation.annotationType().getName().equals(name)) {
                return annotation;
            }
        }
        return null;
    }

    private static String simpleName(Annotation annotation) {
        return annotation.annotationType().getSimpleName();
    }

    private static Object attribute(Annotation annotation, String name) {
        try {
            return annotation.annotationType().getMethod(name).invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(annotation.annotationType().getName() + "." + name + "() unreadable", e);
        }
    }
}

package io.courier.rest.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A path template, {@code /users/{id}/orders}: literal segments and whole-segment variables. A request
 * path is split at {@code /} before its segments are percent-decoded, so an encoded {@code %2F} stays
 * inside one variable's value. Immutable.
 */
public final class PathTemplate {

    private final String text;
    /** Each segment: its literal text, or {@code null} for a variable. */
    private final List<String> literals;
    /** Each segment's variable name, or {@code null} for a literal. */
    private final List<String> variables;

    private PathTemplate(String text, List<String> literals, List<String> variables) {
        this.text = text;
        this.literals = literals;
        this.variables = variables;
    }

    /**
     * Parses {@code path} (the class's and the method's {@code @Path} joined).
     *
     * @throws IllegalArgumentException for a variable with a regular expression, a variable that is not
     *     a whole segment, or a name used twice
     */
    static PathTemplate parse(String path) {
        List<String> literals = new ArrayList<>();
        List<String> variables = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1).strip();
                if (name.contains(":")) {
                    throw new IllegalArgumentException("path '" + path + "': '" + segment
                            + "' has a regular expression (expected: {name}; regular expressions are not supported)");
                }
                if (variables.contains(name)) {
                    throw new IllegalArgumentException("path '" + path + "': {" + name + "} appears twice");
                }
                literals.add(null);
                variables.add(name);
            } else if (segment.contains("{") || segment.contains("}")) {
                throw new IllegalArgumentException(
                        "path '" + path + "': '" + segment + "' (expected: a variable as a whole segment, {name})");
            } else {
                literals.add(segment);
                variables.add(null);
            }
        }
        return new PathTemplate("/" + String.join("/", shown(literals, variables)), literals, variables);
    }

    private static List<String> shown(List<String> literals, List<String> variables) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < literals.size(); i++) {
            shown.add(literals.get(i) != null ? literals.get(i) : "{" + variables.get(i) + "}");
        }
        return shown;
    }

    /** The template's variables. */
    Set<String> variables() {
        Set<String> names = new java.util.LinkedHashSet<>(variables);
        names.remove(null);
        return names;
    }

    /** What two templates that match the same paths share: the literals, with each variable as {@code {}}. */
    String shape() {
        return "/"
                + String.join(
                        "/", literals.stream().map(l -> l == null ? "{}" : l).toList());
    }

    /** How many literal segments it has: more literal templates are tried first. */
    int literalCount() {
        return (int) literals.stream().filter(l -> l != null).count();
    }

    /** The variables' values if the decoded {@code segments} match, else {@code null}. */
    Map<String, String> match(List<String> segments) {
        if (segments.size() != literals.size()) {
            return null;
        }
        Map<String, String> values = null;
        for (int i = 0; i < segments.size(); i++) {
            String literal = literals.get(i);
            if (literal != null) {
                if (!literal.equals(segments.get(i))) {
                    return null;
                }
            } else {
                if (values == null) {
                    values = new HashMap<>(4);
                }
                values.put(variables.get(i), segments.get(i));
            }
        }
        return values == null ? Map.of() : values;
    }

    /** The path with each variable's value (from {@code values}) percent-encoded as one segment. */
    String expand(Function<String, String> values) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < literals.size(); i++) {
            path.append('/');
            String literal = literals.get(i);
            path.append(literal != null ? literal : segment(values.apply(variables.get(i))));
        }
        return path.length() == 0 ? "/" : path.toString();
    }

    /** {@code value} percent-encoded for a path segment (a space as {@code %20}, not {@code +}). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return text;
    }
}

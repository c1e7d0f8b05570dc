package io.courier.rest.internal;

import java.lang.reflect.Type;

/**
 * Where one parameter of a mapped method comes from: a path variable, a query parameter or a header
 * by {@code name} (converted by {@link TextValues}), the JSON body, or, for a method without REST
 * annotations, its place in the JSON array of arguments.
 *
 * @param source where the value is
 * @param name the variable's, parameter's or header's name; empty for the body
 * @param type the parameter's declared type
 * @param defaultValue the text used when the request has no value ({@code @DefaultValue}), or {@code null}
 */
public record Binding(Source source, String name, Type type, String defaultValue) {

    /** The parts of a request a parameter may come from. */
    public enum Source {
        PATH("path parameter"),
        QUERY("query parameter"),
        HEADER("header"),
        BODY("body"),
        ARGUMENTS("argument");

        private final String words;

        Source(String words) {
            this.words = words;
        }

        /** The source as an error message names it. */
        String words() {
            return words;
        }
    }

    /** The parameter as an error message names it: {@code path parameter 'id'}. */
    String describe() {
        return source == Source.BODY ? "the body" : source.words() + " '" + name + "'";
    }
}

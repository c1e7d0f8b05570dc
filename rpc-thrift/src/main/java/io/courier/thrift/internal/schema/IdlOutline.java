package io.courier.thrift.internal.schema;

import io.courier.protocol.schema.NumberedNames;
import io.courier.protocol.schema.NumberedNames.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbered names of a Thrift IDL file ({@link NumberedNames}, a field id being its number): each
 * struct's and exception's fields (and each function's parameters, as the struct {@code Service.function})
 * by name with their id and type (written without spaces), and each enum's constants by name with their
 * value. Reads the IDL this module writes and the plain files teams keep (comments, {@code
 * required}/{@code optional}, default values).
 */
public final class IdlOutline {

    private IdlOutline() {}

    /**
     * @throws IllegalArgumentException if {@code idl} is not Thrift IDL this outline can read
     */
    public static NumberedNames parse(String idl) {
        Tokens tokens = new Tokens(idl);
        Map<String, Map<String, Field>> structs = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> enums = new LinkedHashMap<>();
        while (tokens.more()) {
            String word = tokens.next();
            switch (word) {
                case "struct", "exception", "union" -> {
                    String name = tokens.next();
                    tokens.expect("{");
                    structs.put(name, fields(tokens, "}"));
                }
                case "enum" -> {
                    String name = tokens.next();
                    tokens.expect("{");
                    enums.put(name, constants(tokens));
                }
                case "service" -> service(tokens, structs);
                default -> {
                    // namespace, include, typedef, const: not part of the check
                }
            }
        }
        return new NumberedNames(structs, enums);
    }

    private static void service(Tokens tokens, Map<String, Map<String, Field>> structs) {
        String service = tokens.next();
        if (tokens.peek("extends")) {
            tokens.next();
            tokens.next();
        }
        tokens.expect("{");
        while (!tokens.peek("}")) {
            if (tokens.peek("oneway")) {
                tokens.next();
            }
            type(tokens); // the result
            String function = tokens.next();
            tokens.expect("(");
            structs.put(service + "." + function, fields(tokens, ")"));
            if (tokens.peek("throws")) {
                tokens.next();
                tokens.expect("(");
                fields(tokens, ")");
            }
            while (tokens.peek(",") || tokens.peek(";")) {
                tokens.next();
            }
        }
        tokens.expect("}");
    }

    /** Fields up to {@code end}: {@code id: [required|optional] type name [= value] [,;]}. */
    private static Map<String, Field> fields(Tokens tokens, String end) {
        Map<String, Field> fields = new LinkedHashMap<>();
        while (!tokens.peek(end)) {
            int id = tokens.number();
            tokens.expect(":");
            if (tokens.peek("required") || tokens.peek("optional")) {
                tokens.next();
            }
            String type = type(tokens);
            fields.put(tokens.next(), new Field(id, type));
            if (tokens.peek("=")) {
                tokens.next();
                tokens.next();
            }
            while (tokens.peek(",") || tokens.peek(";")) {
                tokens.next();
            }
        }
        tokens.expect(end);
        return fields;
    }

    private static Map<String, Integer> constants(Tokens tokens) {
        Map<String, Integer> constants = new LinkedHashMap<>();
        int next = 0;
        while (!tokens.peek("}")) {
            String name = tokens.next();
            if (tokens.peek("=")) {
                tokens.next();
                next = tokens.number();
            }
            constants.put(name, next++);
            while (tokens.peek(",") || tokens.peek(";")) {
                tokens.next();
            }
        }
        tokens.expect("}");
        return constants;
    }

    /** A type: a name, or {@code list<T>}, {@code set<T>}, {@code map<K,V>}. */
    private static String type(Tokens tokens) {
        String name = tokens.next();
        if (!tokens.peek("<")) {
            return name;
        }
        tokens.next();
        StringBuilder type = new StringBuilder(name).append('<').append(type(tokens));
        while (tokens.peek(",")) {
            tokens.next();
            type.append(',').append(type(tokens));
        }
        tokens.expect(">");
        return type.append('>').toString();
    }

    /** The words and marks of an IDL text, comments and annotations in parentheses after types dropped. */
    private static final class Tokens {
        private final List<String> tokens = new ArrayList<>();
        private int position;

        Tokens(String text) {
            String plain = text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)(//|#).*$", " ");
            int i = 0;
            while (i < plain.length()) {
                char c = plain.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '"' || c == '\'') {
                    int close = plain.indexOf(c, i + 1);
                    int end = close < 0 ? plain.length() : close + 1;
                    tokens.add(plain.substring(i, end));
                    i = end;
                } else if ("{}()<>:,;=".indexOf(c) >= 0) {
                    tokens.add(String.valueOf(c));
                    i++;
                } else {
                    int start = i;
                    while (i < plain.length()
                            && !Character.isWhitespace(plain.charAt(i))
                            && "{}()<>:,;=\"'".indexOf(plain.charAt(i)) < 0) {
                        i++;
                    }
                    tokens.add(plain.substring(start, i));
                }
            }
        }

        boolean more() {
            return position < tokens.size();
        }

        boolean peek(String token) {
            return more() && tokens.get(position).equals(token);
        }

        String next() {
            if (!more()) {
                throw new IllegalArgumentException("the IDL ends too early (expected: a complete Thrift IDL file)");
            }
            return tokens.get(position++);
        }

        void expect(String token) {
            String found = next();
            if (!found.equals(token)) {
                throw new IllegalArgumentException(
                        "'" + found + "' at token " + position + " (expected: '" + token + "')");
            }
        }

        int number() {
            String found = next();
            try {
                return Integer.decode(found);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + found + "' at token " + position + " (expected: a number)");
            }
        }
    }
}

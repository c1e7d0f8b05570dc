package io.courier.grpc.internal.schema;

import io.courier.protocol.schema.NumberedNames;
import io.courier.protocol.schema.NumberedNames.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbered names of a {@code .proto} file ({@link NumberedNames}; a field's type has {@code repeated} in
 * front when it is, {@code map<K, V>} for a map): each message's fields (number, type, repeated) and each
 * enum's values, by name ({@code Outer.Inner} for nested declarations), read from its text. Reads the
 * language protoc reads — comments, options, {@code oneof}, {@code map<K, V>}, {@code reserved} — and
 * skips services and extensions. Types are named without the file's package, as Courier prints them
 * with it.
 */
public final class ProtoOutline {

    private static final Pattern NAME = Pattern.compile("\\.?[A-Za-z_][A-Za-z0-9_.]*");

    private ProtoOutline() {}

    /**
     * The outline of {@code text}.
     *
     * @throws IllegalArgumentException if the text is not a {@code .proto} (the message names the line)
     */
    public static NumberedNames parse(String text) {
        Reader reader = new Reader(tokens(text));
        Map<String, Map<String, Field>> messages = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> enums = new LinkedHashMap<>();
        String pkg = "";
        while (reader.more()) {
            String word = reader.next();
            switch (word) {
                case "package" -> pkg = reader.next();
                case "message" -> reader.message(reader.next(), messages, enums);
                case "enum" -> reader.enumBody(reader.next(), enums);
                case "service", "extend" -> reader.skipBlock();
                case ";" -> {}
                default -> reader.skipStatement();
            }
        }
        return new NumberedNames(normalise(messages, pkg), enums);
    }

    private static Map<String, Map<String, Field>> normalise(Map<String, Map<String, Field>> messages, String pkg) {
        Map<String, Map<String, Field>> out = new LinkedHashMap<>();
        messages.forEach((name, fields) -> {
            Map<String, Field> normal = new LinkedHashMap<>();
            fields.forEach((field, value) -> normal.put(field, new Field(value.number(), local(value.type(), pkg))));
            out.put(name, normal);
        });
        return out;
    }

    /** {@code type} with each name in it relative to {@code pkg}: {@code .a.b.User} in package {@code a.b} is {@code User}. */
    private static String local(String type, String pkg) {
        StringBuilder out = new StringBuilder();
        Matcher names = NAME.matcher(type);
        while (names.find()) {
            String name = names.group();
            name = name.startsWith(".") ? name.substring(1) : name;
            if (!pkg.isEmpty() && name.startsWith(pkg + ".")) {
                name = name.substring(pkg.length() + 1);
            }
            names.appendReplacement(out, Matcher.quoteReplacement(name));
        }
        names.appendTail(out);
        return out.toString();
    }

    private static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                for (int j = i; j < end; j++) {
                    line += text.charAt(j) == '\n' ? 1 : 0;
                }
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != c) {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                tokens.add(new Token(text.substring(i, Math.min(end + 1, text.length())), line));
                i = end + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '+') {
                int end = i;
                while (end < text.length()
                        && (Character.isLetterOrDigit(text.charAt(end)) || "_.-+".indexOf(text.charAt(end)) >= 0)) {
                    end++;
                }
                tokens.add(new Token(text.substring(i, end), line));
                i = end;
            } else {
                tokens.add(new Token(String.valueOf(c), line));
                i++;
            }
        }
        return tokens;
    }

    private record Token(String text, int line) {}

    /** Walks the tokens; each method consumes one declaration. */
    private static final class Reader {
        private final List<Token> tokens;
        private int at;

        Reader(List<Token> tokens) {
            this.tokens = tokens;
        }

        boolean more() {
            return at < tokens.size();
        }

        String next() {
            if (!more()) {
                throw new IllegalArgumentException("the .proto ends inside a declaration");
            }
            return tokens.get(at++).text();
        }

        String peek() {
            return more() ? tokens.get(at).text() : "";
        }

        void expect(String text) {
            int line = more() ? tokens.get(at).line() : -1;
            String found = next();
            if (!found.equals(text)) {
                throw new IllegalArgumentException("line " + line + ": '" + found + "' (expected: '" + text + "')");
            }
        }

        void skipStatement() {
            int depth = 0;
            while (more()) {
                String token = next();
                if (token.equals("{") || token.equals("[") || token.equals("(")) {
                    depth++;
                } else if (token.equals("}") || token.equals("]") || token.equals(")")) {
                    depth--;
                } else if (token.equals(";") && depth <= 0) {
                    return;
                }
            }
        }

        void skipBlock() {
            while (more() && !peek().equals("{")) {
                next();
            }
            expect("{");
            int depth = 1;
            while (depth > 0) {
                String token = next();
                depth += token.equals("{") ? 1 : token.equals("}") ? -1 : 0;
            }
        }

        void message(String name, Map<String, Map<String, Field>> messages, Map<String, Map<String, Integer>> enums) {
            Map<String, Field> fields = new LinkedHashMap<>();
            messages.put(name, fields);
            expect("{");
            body(name, fields, messages, enums);
        }

        private void body(
                String name,
                Map<String, Field> fields,
                Map<String, Map<String, Field>> messages,
                Map<String, Map<String, Integer>> enums) {
            while (!peek().equals("}")) {
                String word = next();
                switch (word) {
                    case "message" -> message(name + "." + next(), messages, enums);
                    case "enum" -> enumBody(name + "." + next(), enums);
                    case "oneof" -> {
                        next();
                        expect("{");
                        body(name, fields, messages, enums);
                    }
                    case "option", "reserved", "extensions" -> skipStatement();
                    case "extend" -> skipBlock();
                    case ";" -> {}
                    case "map" -> {
                        expect("<");
                        String key = next();
                        expect(",");
                        String value = next();
                        expect(">");
                        field(fields, "map<" + key + ", " + value + ">");
                    }
                    case "repeated" -> field(fields, "repeated " + next());
                    case "optional", "required" -> field(fields, next());
                    default -> field(fields, word);
                }
            }
            expect("}");
        }

        private void field(Map<String, Field> fields, String type) {
            String name = next();
            expect("=");
            int line = tokens.get(at).line();
            String number = next();
            try {
                fields.put(name, new Field(Integer.parseInt(number), type));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "line " + line + ": field " + name + " = " + number + " (expected: a field number)");
            }
            skipStatement();
        }

        void enumBody(String name, Map<String, Map<String, Integer>> enums) {
            Map<String, Integer> values = new LinkedHashMap<>();
            enums.put(name, values);
            expect("{");
            while (!peek().equals("}")) {
                String word = next();
                if (word.equals("option") || word.equals("reserved")) {
                    skipStatement();
                } else if (!word.equals(";")) {
                    expect("=");
                    String number = next();
                    values.put(word, Integer.decode(number));
                    skipStatement();
                }
            }
            expect("}");
        }
    }
}

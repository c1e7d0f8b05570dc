package io.courier.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the methods and constructors of one Java source and how many lines each spans, from the line that
 * names it to its closing brace. A brace scan, not a parser: comments, strings, text blocks and character
 * literals are blanked first, then every {@code {} whose header ends in a parameter list (after an optional
 * {@code throws} clause) opens a body, unless the name before the list is a statement keyword, a
 * {@code record}'s name or an anonymous class's type. A method holding an anonymous class counts its lines.
 * The same scan reads JavaScript's named functions and methods ({@code function name(...) {}}); an arrow
 * function is a block of the function around it, so a file's wrapper {@code (() => {...})()} is not one.
 */
final class MethodLengths {

    /** One method or constructor body: its name, the line naming it, and its length in lines. */
    record Method(String name, int line, int lines) {}

    private static final Set<String> STATEMENTS =
            Set.of("if", "for", "while", "switch", "catch", "synchronized", "try", "return", "throw", "yield");
    private static final Pattern THROWS = Pattern.compile("\\)\\s*throws\\s+[\\w.$<>,?\\s]+$");
    private static final Pattern NAME_BEFORE = Pattern.compile("([\\w$]+)\\s*(?:<[^<>]*>\\s*)?$");
    private static final Pattern WORD_BEFORE = Pattern.compile("([\\w$]+)\\s*$");

    private MethodLengths() {}

    static List<Method> of(String source) {
        String code = blank(source);
        List<Method> methods = new ArrayList<>();
        Deque<Method> open = new ArrayDeque<>();
        int headerStart = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                open.push(method(code, headerStart, i));
                headerStart = i + 1;
            } else if (c == '}') {
                Method body = open.isEmpty() ? null : open.pop();
                if (body != null && body.name() != null) {
                    methods.add(new Method(body.name(), body.line(), lineOf(code, i) - body.line() + 1));
                }
                headerStart = i + 1;
            } else if (c == ';') {
                headerStart = i + 1;
            }
        }
        return methods;
    }

    /** The method whose body the brace at {@code brace} opens, or one with no name for any other block. */
    private static Method method(String code, int headerStart, int brace) {
        String header = code.substring(headerStart, brace).stripTrailing();
        Matcher throwsClause = THROWS.matcher(header);
        if (throwsClause.find()) {
            header = header.substring(0, throwsClause.start() + 1);
        }
        Method none = new Method(null, 0, 0);
        if (!header.endsWith(")")) {
            return none;
        }
        int open = openingParenthesis(header);
        if (open < 0) {
            return none;
        }
        Matcher name = NAME_BEFORE.matcher(header.substring(0, open));
        if (!name.find() || STATEMENTS.contains(name.group(1))) {
            return none;
        }
        Matcher before = WORD_BEFORE.matcher(header.substring(0, name.start()));
        if (before.find() && (before.group(1).equals("new") || before.group(1).equals("record"))) {
            return none;
        }
        return new Method(name.group(1), lineOf(code, headerStart + name.start(1)), 0);
    }

    private static int openingParenthesis(String header) {
        int depth = 0;
        for (int i = header.length() - 1; i >= 0; i--) {
            char c = header.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int lineOf(String code, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The source with comments and literals replaced by spaces, line breaks kept. */
    static String blank(String source) {
        StringBuilder out = new StringBuilder(source);
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("//", i)) {
                i = blankUntil(out, i, source.indexOf('\n', i), 0);
            } else if (source.startsWith("/*", i)) {
                i = blankUntil(out, i, source.indexOf("*/", i + 2), 2);
            } else if (source.startsWith("\"\"\"", i)) {
                i = blankUntil(out, i, literalEnd(source, i + 3, "\"\"\""), 3);
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                i = blankUntil(out, i, literalEnd(source, i + 1, String.valueOf(source.charAt(i))), 1);
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static int literalEnd(String source, int from, String quote) {
        for (int i = from; i < source.length(); i++) {
            if (source.charAt(i) == '\\') {
                i++;
            } else if (source.startsWith(quote, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Blanks from {@code start} to {@code end} plus {@code closing} characters; returns where to go on. */
    private static int blankUntil(StringBuilder out, int start, int end, int closing) {
        int stop = end < 0 ? out.length() : Math.min(out.length(), end + closing);
        for (int i = start; i < stop; i++) {
            if (out.charAt(i) != '\n') {
                out.setCharAt(i, ' ');
            }
        }
        return stop;
    }
}

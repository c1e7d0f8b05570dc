package io.courier.architecture;

import io.courier.api.config.ConfigKeyRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration keys a Java source spells in its string literals (comments and javadoc do not
 * count): a declared key ({@code "courier.consumer.retries"}), a per-method or per-service form of one
 * ({@code "courier.filter.getUser.rate-limit.qps"}), a key inside a message
 * ({@code "courier.events.broker: '"}), or a prefix of declared keys ({@code "courier.console."}). Metric,
 * attachment and logger names that merely start with {@code courier.} are not keys.
 */
final class KeyLiterals {

    private static final Pattern TOKEN = Pattern.compile("courier\\.[A-Za-z0-9_.()<>,-]*[A-Za-z0-9_)>.-]");

    /** A key spelt at a line of a source. */
    record Spelling(int line, String key) {}

    private KeyLiterals() {}

    /** The keys of {@code registry} that {@code source}'s string literals spell, in order. */
    static List<Spelling> of(String source, ConfigKeyRegistry registry) {
        List<Spelling> found = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                line += count(source, i, end);
                i = end;
            } else if (c == '\'') {
                i = skipQuoted(source, i, '\'');
            } else if (c == '"') {
                int end = source.startsWith("\"\"\"", i) ? textBlockEnd(source, i) : skipQuoted(source, i, '"');
                spelt(source.substring(i, end), registry, line, found);
                line += count(source, i, end);
                i = end;
            } else {
                i++;
            }
        }
        return found;
    }

    private static void spelt(String literal, ConfigKeyRegistry registry, int line, List<Spelling> found) {
        Matcher matcher = TOKEN.matcher(literal);
        while (matcher.find()) {
            String token = matcher.group();
            if (isKey(token, registry)) {
                found.add(new Spelling(line, token));
            }
        }
    }

    /** Whether {@code token} is a key in any form, or a prefix of declared keys past {@code courier.}. */
    static boolean isKey(String token, ConfigKeyRegistry registry) {
        if (token.endsWith(".")) {
            // a prefix ("courier.console.") or a key ending a sentence ("... set courier.server.port.")
            return token.indexOf('.') < token.length() - 1
                            && registry.keys().stream()
                                    .anyMatch(key -> key.name().startsWith(token))
                    || registry.match(token.substring(0, token.length() - 1)).isPresent();
        }
        return registry.match(token).isPresent();
    }

    private static int skipQuoted(String source, int start, char quote) {
        int i = start + 1;
        while (i < source.length() && source.charAt(i) != quote && source.charAt(i) != '\n') {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, source.length());
    }

    private static int textBlockEnd(String source, int start) {
        int end = source.indexOf("\"\"\"", start + 3);
        return end < 0 ? source.length() : end + 3;
    }

    private static int count(String source, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (source.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}

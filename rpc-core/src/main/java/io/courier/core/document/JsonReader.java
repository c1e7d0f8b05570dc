package io.courier.core.document;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast path of {@link SafeYaml} for the documents the registry writes itself: strict JSON of
 * printable ASCII (what {@code io.courier.core.document.JsonWriter} produces), read in one pass into the same plain values
 * SafeYaml's core schema gives for that text (mappings, lists, strings, {@code Integer}/{@code
 * Long}/{@code BigInteger}, {@code Double}, booleans, nulls).
 *
 * <p>Why: a provider node's data parsed by SnakeYAML costs tens of microseconds warm and much more
 * while the JIT is cold, which made the first list of 5,000 providers take over a second of decoding
 * alone; this reader takes a few microseconds. It accepts a subset only and answers {@code null}
 * (meaning "not mine") for anything else: raw characters outside {@code 0x20..0x7E}, a duplicate
 * key, a tab, a decimal number, nesting deeper than {@value #MAX_DEPTH}, any syntax error. The caller then parses with
 * SafeYaml, whose answer (value or error) is the one that counts, so the two can never disagree.
 * Not thread-safe; one instance per document.
 */
public final class JsonReader {

    /** The same nesting limit as SafeYaml's. */
    static final int MAX_DEPTH = 20;

    private static final Object NOT_MINE = new Object();

    private final String text;
    private int position;

    private JsonReader(String text) {
        this.text = text;
    }

    /** The value of {@code text} if it is a strict JSON document this reader accepts, else null. */
    public static Object read(String text) {
        JsonReader reader = new JsonReader(text);
        Object value = reader.value(0);
        if (value == NOT_MINE) {
            return null;
        }
        reader.skipSpace();
        return reader.position == text.length() ? value : null;
    }

    private Object value(int depth) {
        skipSpace();
        if (position >= text.length() || depth > MAX_DEPTH) {
            return NOT_MINE;
        }
        char c = text.charAt(position);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> c == '-' || (c >= '0' && c <= '9') ? number() : NOT_MINE;
        };
    }

    private Object object(int depth) {
        position++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (next('}')) {
            return map;
        }
        while (true) {
            skipSpace();
            if (position >= text.length() || text.charAt(position) != '"') {
                return NOT_MINE;
            }
            Object key = string();
            skipSpace();
            if (key == NOT_MINE || !next(':')) {
                return NOT_MINE;
            }
            Object value = value(depth);
            if (value == NOT_MINE || map.containsKey(key)) {
                return NOT_MINE;
            }
            map.put((String) key, value);
            skipSpace();
            if (next('}')) {
                return map;
            }
            if (!next(',')) {
                return NOT_MINE;
            }
        }
    }

    private Object array(int depth) {
        position++;
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (next(']')) {
            return list;
        }
        while (true) {
            Object value = value(depth);
            if (value == NOT_MINE) {
                return NOT_MINE;
            }
            list.add(value);
            skipSpace();
            if (next(']')) {
                return list;
            }
            if (!next(',')) {
                return NOT_MINE;
            }
        }
    }

    private Object string() {
        position++;
        StringBuilder out = null;
        int start = position;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '"') {
                String value = out == null
                        ? text.substring(start, position)
                        : out.append(text, start, position).toString();
                position++;
                return value;
            }
            if (c < 0x20 || c > 0x7E) {
                return NOT_MINE;
            }
            if (c == '\\') {
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(text, start, position);
                int escaped = escape();
                if (escaped < 0) {
                    return NOT_MINE;
                }
                out.append((char) escaped);
                start = position;
            } else {
                position++;
            }
        }
        return NOT_MINE;
    }

    /** Reads the escape at the position; the character it stands for, or -1. */
    private int escape() {
        if (position + 1 >= text.length()) {
            return -1;
        }
        char kind = text.charAt(position + 1);
        position += 2;
        return switch (kind) {
            // SnakeYAML refuses JSON's "\/": not mine
            case '"', '\\' -> kind;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicode();
            default -> -1;
        };
    }

    private int unicode() {
        if (position + 4 > text.length()) {
            return -1;
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(position + i), 16);
            if (digit < 0) {
                return -1;
            }
            code = code * 16 + digit;
        }
        position += 4;
        // a lone surrogate is left to SafeYaml, which decides what it means
        return Character.isSurrogate((char) code) ? -1 : code;
    }

    private Object number() {
        int start = position;
        next('-');
        int digits = position;
        while (position < text.length() && Character.isDigit(text.charAt(position))) {
            position++;
        }
        int length = position - digits;
        if (length == 0 || (length > 1 && text.charAt(digits) == '0')) {
            return NOT_MINE;
        }
        if (position < text.length() && ".eE".indexOf(text.charAt(position)) >= 0) {
            // decimals are rare in node data and carry YAML/JSON differences (1e5, -0.0): not mine
            return NOT_MINE;
        }
        BigInteger value = new BigInteger(text.substring(start, position));
        if (value.bitLength() < Integer.SIZE) {
            return value.intValue();
        }
        return value.bitLength() < Long.SIZE ? (Object) value.longValue() : value;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, position)) {
            return NOT_MINE;
        }
        position += word.length();
        return value;
    }

    private boolean next(char c) {
        if (position < text.length() && text.charAt(position) == c) {
            position++;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }
}

package io.courier.core.document;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the small JSON documents of the registry (node data, cache file) in one pass. The output
 * is plain ASCII: every character outside {@code 0x20..0x7E} is a {@code \\uXXXX} escape, so the
 * text is valid JSON and also valid YAML for {@link io.courier.core.document.SafeYaml}. Not thread-safe.
 */
public final class JsonWriter {

    private final StringBuilder out;
    private boolean first = true;

    public JsonWriter(int capacity) {
        this.out = new StringBuilder(capacity);
    }

    public JsonWriter beginObject() {
        separate();
        out.append('{');
        first = true;
        return this;
    }

    public JsonWriter endObject() {
        out.append('}');
        first = false;
        return this;
    }

    public JsonWriter beginArray() {
        separate();
        out.append('[');
        first = true;
        return this;
    }

    public JsonWriter endArray() {
        out.append(']');
        first = false;
        return this;
    }

    /** Writes a member name; the next call writes its value. */
    public JsonWriter name(String name) {
        separate();
        string(name);
        out.append(": ");
        first = true;
        return this;
    }

    public JsonWriter value(String value) {
        separate();
        string(value);
        return this;
    }

    public JsonWriter nullValue() {
        separate();
        out.append("null");
        return this;
    }

    public JsonWriter value(long value) {
        separate();
        out.append(value);
        return this;
    }

    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, Collection<String> values) {
        name(name).beginArray();
        for (String value : values) {
            value(value);
        }
        return endArray();
    }

    /** An object with the entries of {@code values}, sorted by key so equal maps give equal text. */
    public JsonWriter field(String name, Map<String, String> values) {
        name(name).beginObject();
        for (Map.Entry<String, String> entry : new TreeMap<>(values).entrySet()) {
            field(entry.getKey(), entry.getValue());
        }
        return endObject();
    }

    public String text() {
        return out.toString();
    }

    public byte[] bytes() {
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private void separate() {
        if (!first) {
            out.append(", ");
        }
        first = false;
    }

    private void string(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7F) {
                out.append(c);
            } else {
                out.append("\\u");
                String hex = Integer.toHexString(c);
                for (int pad = hex.length(); pad < 4; pad++) {
                    out.append('0');
                }
                out.append(hex);
            }
        }
        out.append('"');
    }
}

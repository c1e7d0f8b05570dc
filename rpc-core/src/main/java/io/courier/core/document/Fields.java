package io.courier.core.document;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, checked access to one mapping of a document parsed by {@link SafeYaml}. Every error names
 * the field's path and says what was expected, without echoing untrusted values at length.
 */
public final class Fields {

    private final String path;
    private final Map<?, ?> map;

    private Fields(String path, Map<?, ?> map) {
        this.path = path;
        this.map = map;
    }

    /**
     * @param path how errors name this mapping, e.g. {@code config} or {@code services[a.B][0]}
     * @throws DocumentException if {@code value} is not a mapping with string keys
     */
    public static Fields of(Object value, String path) throws DocumentException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new DocumentException(path + ": " + describe(value) + " (expected: a mapping)");
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new DocumentException(path + ": key " + describe(key) + " (expected: a string key)");
            }
        }
        return new Fields(path, map);
    }

    public String path() {
        return path;
    }

    /** @throws DocumentException naming the first field that is not in {@code known} */
    public Fields onlyKnown(Set<String> known) throws DocumentException {
        for (Object key : map.keySet()) {
            if (!known.contains(key)) {
                throw new DocumentException(path + "." + abbreviate((String) key) + ": unknown field (expected one of: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        return this;
    }

    public boolean has(String name) {
        return map.get(name) != null;
    }

    /** The raw value, or null when absent. */
    public Object raw(String name) {
        return map.get(name);
    }

    /** The field names in document order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(map.size());
        for (Object key : map.keySet()) {
            names.add((String) key);
        }
        return names;
    }

    public String string(String name) throws DocumentException {
        Object value = required(name);
        if (!(value instanceof String text)) {
            throw new DocumentException(path + "." + name + ": " + describe(value) + " (expected: a string)");
        }
        return text;
    }

    public String string(String name, String absent) throws DocumentException {
        return has(name) ? string(name) : absent;
    }

    public long integer(String name, long min, long max) throws DocumentException {
        return integer(path + "." + name, required(name), min, max);
    }

    public long integer(String name, long min, long max, long absent) throws DocumentException {
        return has(name) ? integer(name, min, max) : absent;
    }

    /** A list of strings; empty when absent. */
    public List<String> strings(String name) throws DocumentException {
        return has(name) ? strings(path + "." + name, map.get(name)) : List.of();
    }

    /** A mapping of string to scalar (string, integer, decimal or boolean, kept as text); empty when absent. */
    public Map<String, String> scalarMap(String name) throws DocumentException {
        if (!has(name)) {
            return Map.of();
        }
        Fields fields = Fields.of(map.get(name), path + "." + name);
        Map<String, String> result = new LinkedHashMap<>();
        for (String key : fields.names()) {
            result.put(key, scalar(fields.path + "." + abbreviate(key), fields.raw(key)));
        }
        return result;
    }

    /** A nested mapping; an empty one when absent. */
    public Fields mapping(String name) throws DocumentException {
        return has(name) ? Fields.of(map.get(name), path + "." + name) : new Fields(path + "." + name, Map.of());
    }

    public static long integer(String where, Object value, long min, long max) throws DocumentException {
        if (!(value instanceof Integer || value instanceof Long || value instanceof BigInteger)) {
            throw new DocumentException(where + ": " + describe(value) + " (expected: an integer)");
        }
        if (!(value instanceof BigInteger)) {
            // the common case, without allocating: every provider node has five integer fields
            long number = ((Number) value).longValue();
            if (number < min || number > max) {
                throw new DocumentException(where + ": " + number + " (expected: " + min + " to " + max + ")");
            }
            return number;
        }
        BigInteger number = value instanceof BigInteger big ? big : BigInteger.valueOf(((Number) value).longValue());
        if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new DocumentException(where + ": " + number + " (expected: " + min + " to " + max + ")");
        }
        return number.longValue();
    }

    public static List<String> strings(String where, Object value) throws DocumentException {
        if (!(value instanceof List<?> list)) {
            throw new DocumentException(where + ": " + describe(value) + " (expected: a list of strings)");
        }
        List<String> result = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String text)) {
                throw new DocumentException(where + "[" + i + "]: " + describe(list.get(i)) + " (expected: a string)");
            }
            result.add(text);
        }
        return result;
    }

    public static String scalar(String where, Object value) throws DocumentException {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Integer
                || value instanceof Long
                || value instanceof BigInteger
                || value instanceof Double
                || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new DocumentException(where + ": " + describe(value) + " (expected: a string, number or boolean)");
    }

    private Object required(String name) throws DocumentException {
        Object value = map.get(name);
        if (value == null) {
            throw new DocumentException(path + "." + name + ": missing (expected: a value)");
        }
        return value;
    }

    /** The kind of a parsed value, never its content (which may be large or hostile). */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return "'" + abbreviate(text) + "'";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return abbreviate(String.valueOf(value));
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "a value of type " + value.getClass().getSimpleName();
    }

    public static String abbreviate(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
    }
}

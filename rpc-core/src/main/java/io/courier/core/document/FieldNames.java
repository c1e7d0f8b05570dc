package io.courier.core.document;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The field names of one mapping of a configuration document, in the configuration keys' spelling
 * (kebab case: {@code timeout-millis}) and as the document wrote them. Documents written before the
 * keys' spelling was theirs say {@code timeoutMillis}; both read alike through the one mapping of
 * {@link #kebab}, so running estates keep their documents, and a mapping that spells one field both
 * ways is refused (which would win is not obvious).
 */
final class FieldNames {

    private final Fields fields;
    private final Map<String, String> written;

    private FieldNames(Fields fields, Map<String, String> written) {
        this.fields = fields;
        this.written = written;
    }

    /**
     * The names of {@code fields}.
     *
     * @param known the fields allowed, kebab case
     * @throws DocumentException naming an unknown field, or a field spelt twice
     */
    static FieldNames of(Fields fields, Set<String> known) throws DocumentException {
        Map<String, String> written = new LinkedHashMap<>();
        for (String name : fields.names()) {
            String field = kebab(name);
            if (!known.contains(field)) {
                throw new DocumentException(fields.path() + "." + Fields.abbreviate(name)
                        + ": unknown field (expected one of: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
            String before = written.putIfAbsent(field, name);
            if (before != null) {
                throw new DocumentException(fields.path() + "." + Fields.abbreviate(name) + ": set twice, also as "
                        + Fields.abbreviate(before) + " (expected: one spelling, " + field + ")");
            }
        }
        return new FieldNames(fields, written);
    }

    /** The camel-case name in kebab case: {@code halfOpenCalls} is {@code half-open-calls}; kebab names stay. */
    static String kebab(String name) {
        StringBuilder result = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                result.append('-').append(Character.toLowerCase(c));
            } else {
                result.append(c);
            }
        }
        return result.toString().toLowerCase(Locale.ROOT);
    }

    /** The name {@code field} (kebab case) has in the document, or {@code field} itself when absent. */
    String written(String field) {
        return written.getOrDefault(field, field);
    }

    /** The value of {@code field} (kebab case), or null when absent. */
    Object raw(String field) {
        return fields.raw(written(field));
    }

    /** How messages name {@code field}: its path as the document wrote it, e.g. {@code config.timeoutMillis}. */
    String path(String field) {
        return fields.path() + "." + Fields.abbreviate(written(field));
    }

    /** The fields present, kebab case, in document order. */
    Set<String> present() {
        return written.keySet();
    }
}

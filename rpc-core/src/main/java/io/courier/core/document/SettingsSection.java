package io.courier.core.document;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code settings} section of an application's configuration document: the application's own
 * keys, as text, flattened so that nested mappings and dotted names mean the same.
 *
 * <pre>
 * version: 1
 * settings:
 *   shop.discount-percent: 20          # or shop: {discount-percent: 20}
 *   logging.level.io.shop: DEBUG
 * </pre>
 *
 * <p>Only the shape is checked here (names, scalars, a cap on entries); a value's type and range
 * belong to the key the application declared, checked where the declaration is known.
 */
public final class SettingsSection {

    /** The document field holding the section. */
    public static final String FIELD = "settings";

    private SettingsSection() {}

    /**
     * The settings of a whole document, which must be valid as a document ({@link ConfigParser});
     * empty when the text is empty or has no section.
     *
     * @throws DocumentException naming the first defect of the document or the section
     */
    public static Map<String, String> parse(String text) throws DocumentException {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        ConfigParser.parse(text.getBytes(StandardCharsets.UTF_8));
        Fields config = Fields.of(SafeYaml.load(text, ConfigParser.MAX_CHARS), "config");
        return of(config.mapping(FIELD));
    }

    /** The flattened section {@code settings}. */
    static Map<String, String> of(Fields settings) throws DocumentException {
        Map<String, String> result = new LinkedHashMap<>();
        flatten(settings, "", result);
        return result;
    }

    private static void flatten(Fields fields, String prefix, Map<String, String> into) throws DocumentException {
        for (String name : fields.names()) {
            String where = fields.path() + "." + Fields.abbreviate(name);
            if (name.isBlank() || !name.equals(name.strip()) || name.length() > 200) {
                throw new DocumentException(
                        where + ": bad name (expected: 1 to 200 characters, no surrounding blanks)");
            }
            Object raw = fields.raw(name);
            if (raw instanceof Map<?, ?>) {
                flatten(Fields.of(raw, where), prefix + name + ".", into);
            } else if (into.put(prefix + name, Fields.scalar(where, raw)) != null) {
                throw new DocumentException(where + ": set twice (expected: one value per key)");
            }
            if (into.size() > ConfigParser.MAX_ENTRIES) {
                throw new DocumentException(
                        "config." + FIELD + ": more than " + ConfigParser.MAX_ENTRIES + " keys (expected: fewer)");
            }
        }
    }
}

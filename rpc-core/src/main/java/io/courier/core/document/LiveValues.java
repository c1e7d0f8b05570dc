package io.courier.core.document;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigValueException;
import java.math.BigInteger;

/**
 * Reads a document's field that sets a configuration key through the key itself, as every other source
 * reads it: the scalar's text goes to {@link ConfigKey#parse(String, String, String)}, so the range and
 * the message are the key's, and only the origin says a document set it.
 */
final class LiveValues {

    /** How the message's origin names a field: {@code [document field config.timeout-millis]}. */
    static final String ORIGIN = "document field ";

    private LiveValues() {}

    /**
     * The value of {@code field}, parsed by {@code key}, or null when the document does not set it.
     *
     * @throws DocumentException with the key's message, e.g. {@code courier.consumer.retries: '101'
     *     (expected: an integer 0 to 100) [document field config.retries]}
     */
    static <T> T value(FieldNames names, String field, ConfigKey<T> key) throws DocumentException {
        Object raw = names.raw(field);
        if (raw == null) {
            return null;
        }
        String origin = ORIGIN + names.path(field);
        if (!(raw instanceof String
                || raw instanceof Integer
                || raw instanceof Long
                || raw instanceof BigInteger
                || raw instanceof Double
                || raw instanceof Boolean)) {
            throw new DocumentException(ConfigValueException.format(
                    key.name(), Fields.describe(raw), key.type().expectation(), origin));
        }
        try {
            return key.parse(String.valueOf(raw), key.name(), origin);
        } catch (ConfigValueException e) {
            // the key's message, its value shortened: a document's text may be large or hostile
            throw new DocumentException(
                    ConfigValueException.format(e.key(), Fields.abbreviate(e.value()), e.expectation(), e.origin()), e);
        }
    }
}

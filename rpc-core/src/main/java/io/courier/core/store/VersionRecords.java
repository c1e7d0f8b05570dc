package io.courier.core.store;

import io.courier.api.store.DocumentVersion;
import io.courier.core.document.DocumentException;
import io.courier.core.document.Fields;
import io.courier.core.document.JsonWriter;
import io.courier.core.document.SafeYaml;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * One kept version of a configuration document as every registry's store holds it (the data of a
 * {@code _versions/<number>} node or key), JSON format 1:
 *
 * <pre>
 * {"format": 1, "number": 7, "author": "alice", "instant": "2026-11-22T13:05:00Z",
 *  "comment": "lower the timeout", "text": "version: 1\ntimeoutMillis: 800\n"}
 * </pre>
 */
public final class VersionRecords {

    public static final int FORMAT = 1;
    /** The text (256 Ki characters at most, escaped) plus the other fields. */
    private static final int MAX_CHARS = 2 * 1024 * 1024;

    private static final Set<String> FIELDS = Set.of("format", "number", "author", "instant", "comment", "text");

    private VersionRecords() {}

    /** The node name of version {@code number}: zero-padded, so names sort as numbers do. */
    public static String name(long number) {
        return String.format("%010d", number);
    }

    public static byte[] encode(DocumentVersion version) {
        return new JsonWriter(256 + version.text().length() * 2)
                .beginObject()
                .field("format", FORMAT)
                .field("number", version.number())
                .field("author", version.author())
                .field("instant", version.instant().toString())
                .field("comment", version.comment())
                .field("text", version.text())
                .endObject()
                .bytes();
    }

    public static DocumentVersion decode(byte[] data) throws DocumentException {
        Fields fields = Fields.of(SafeYaml.load(new String(data, StandardCharsets.UTF_8), MAX_CHARS), "version")
                .onlyKnown(FIELDS);
        long format = fields.integer("format", 1, Integer.MAX_VALUE);
        if (format != FORMAT) {
            throw new DocumentException("version.format: " + format + " (expected: " + FORMAT + ")");
        }
        Instant instant;
        try {
            instant = Instant.parse(fields.string("instant"));
        } catch (DateTimeParseException e) {
            throw new DocumentException("version.instant: not an ISO-8601 instant");
        }
        return new DocumentVersion(
                fields.integer("number", 1, Long.MAX_VALUE),
                fields.string("author"),
                instant,
                fields.string("comment", ""),
                fields.string("text", ""));
    }
}

package io.courier.api.store.internal;

import io.courier.api.DynamicConfig;
import io.courier.api.internal.document.ConfigParser;
import io.courier.api.internal.document.DocumentException;
import io.courier.api.store.DocumentStore;
import io.courier.api.store.DocumentVersion;
import io.courier.api.store.InvalidDocumentException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** What every {@link DocumentStore} checks the same way, whatever keeps its documents. */
public final class StoreDocuments {

    private StoreDocuments() {}

    /**
     * {@code text} read as every registry store's {@link io.courier.api.store.DocumentStore#parse}
     * reads it: at most {@link io.courier.api.store.DocumentStore#MAX_DOCUMENT_CHARS} characters
     * (checked before any work), then {@link ConfigParser#parse(byte[])}.
     *
     * @throws InvalidDocumentException naming the first defect
     */
    public static DynamicConfig parse(String text) throws InvalidDocumentException {
        Objects.requireNonNull(text, "text");
        if (text.length() > DocumentStore.MAX_DOCUMENT_CHARS) {
            // checked before encoding: a 10 MB document costs nothing more than its length
            throw new InvalidDocumentException("config: " + text.length() + " characters (expected: at most "
                    + DocumentStore.MAX_DOCUMENT_CHARS + ")");
        }
        try {
            return ConfigParser.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (DocumentException e) {
            throw new InvalidDocumentException(e.getMessage(), e);
        }
    }

    /**
     * Checks the arguments of {@link io.courier.api.store.DocumentStore#write}.
     *
     * @throws IllegalArgumentException if {@code version.number()} or {@code keep} is below 1
     */
    public static void checkWrite(DocumentVersion version, int keep) {
        Objects.requireNonNull(version, "version");
        if (version.number() < 1) {
            throw new IllegalArgumentException("version.number: " + version.number() + " (expected: >= 1)");
        }
        if (keep < 1) {
            throw new IllegalArgumentException("keep: " + keep + " (expected: >= 1)");
        }
    }
}

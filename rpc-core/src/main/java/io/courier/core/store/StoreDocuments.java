package io.courier.core.store;

import io.courier.api.DynamicConfig;
import io.courier.api.config.KeyDeclarations;
import io.courier.api.store.DocumentKey;
import io.courier.api.store.DocumentStore;
import io.courier.api.store.DocumentVersion;
import io.courier.api.store.InvalidDocumentException;
import io.courier.api.store.StoreException;
import io.courier.core.document.ConfigParser;
import io.courier.core.document.DocumentException;
import io.courier.core.document.SettingsSection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
     * The flattened {@code settings} section of {@code text}, for {@link
     * io.courier.api.store.DocumentStore#settings}, after the checks of {@link #parse}.
     *
     * @throws InvalidDocumentException naming the first defect
     */
    public static Map<String, String> settings(String text) throws InvalidDocumentException {
        parse(text);
        try {
            return SettingsSection.parse(text);
        } catch (DocumentException e) {
            throw new InvalidDocumentException(e.getMessage(), e);
        }
    }

    /**
     * Checks the declarations of {@link io.courier.api.store.DocumentStore#publishDeclarations}.
     *
     * @throws IllegalArgumentException if {@code key} is not an application's or the text is too long
     */
    public static void checkDeclarations(DocumentKey key, String declarations) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(declarations, "declarations");
        if (key.kind() != DocumentKey.Kind.APPLICATION) {
            throw new IllegalArgumentException("key: " + key + " (expected: an application's document)");
        }
        if (declarations.length() > KeyDeclarations.MAX_CHARS) {
            throw new IllegalArgumentException("declarations: " + declarations.length()
                    + " characters (expected: at most " + KeyDeclarations.MAX_CHARS + ")");
        }
    }

    /** The declarations a store read ({@code null}: none published), for {@link DocumentStore#declarations}. */
    public static Optional<String> declarations(byte[] data) {
        return data == null ? Optional.empty() : Optional.of(new String(data, StandardCharsets.UTF_8));
    }

    /**
     * Checks the version number asked of {@link io.courier.api.store.DocumentStore#version}.
     *
     * @throws IllegalArgumentException if {@code number} is below 1
     */
    public static void checkVersion(long number) {
        if (number < 1) {
            throw new IllegalArgumentException("version: " + number + " (expected: >= 1)");
        }
    }

    /**
     * Version {@code number} of {@code key} read from its record's {@code data} ({@link VersionRecords});
     * empty if there is no record (null).
     *
     * @throws StoreException if the record cannot be read
     */
    public static Optional<DocumentVersion> version(DocumentKey key, long number, byte[] data) {
        if (data == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(VersionRecords.decode(data));
        } catch (DocumentException e) {
            throw new StoreException("version " + number + " of " + key + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * A document in force without any version record (written by hand): version 0 by {@code unknown},
     * or empty if its text is.
     */
    public static Optional<DocumentVersion> unversioned(String text, Instant modified) {
        return text.isEmpty() ? Optional.empty() : Optional.of(new DocumentVersion(0, "unknown", modified, "", text));
    }

    /** The version numbers among the names of version records ({@link VersionRecords#name}), sorted; other names skipped. */
    public static List<Long> versionNumbers(Iterable<String> names) {
        List<Long> numbers = new ArrayList<>();
        for (String name : names) {
            try {
                numbers.add(Long.parseLong(name));
            } catch (NumberFormatException e) {
                // not a version record
            }
        }
        numbers.sort(null);
        return numbers;
    }

    /** Adds the document {@code name} of {@code kind} to {@code keys}, unless no store could have written that name. */
    public static void addDocument(List<DocumentKey> keys, String environment, DocumentKey.Kind kind, String name) {
        try {
            keys.add(new DocumentKey(environment, kind, name));
        } catch (IllegalArgumentException e) {
            // a node or key nobody could have written through a store; not a document
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

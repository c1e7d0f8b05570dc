package io.courier.core.document;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The last good configuration document of an application, kept beside the registry's cache file of
 * providers ({@link ProviderCacheFile}, whose atomic write it shares) so that an application that
 * starts while its registry is unreachable starts on it.
 *
 * <p>Format 1, a JSON object:
 *
 * <pre>
 * {"format": 1, "savedAtMillis": 1700000000000, "document": "application:shop in environment prod",
 *  "text": "version: 1\nsettings: ..."}
 * </pre>
 *
 * <p>A file for another document, or one that cannot be read, is not used (and is replaced by the
 * next good document). Thread-safe: the writes of one file are made by one caller at a time.
 */
public final class SettingsCacheFile {

    private final Path file;
    private final String document;

    /**
     * @param file where the document is kept
     * @param document which document it holds, as {@code DocumentKey#toString()} names it
     */
    public SettingsCacheFile(Path file, String document) {
        this.file = file;
        this.document = document;
    }

    /** The file, for messages. */
    public Path file() {
        return file;
    }

    /**
     * The text kept for this document, or empty if there is none.
     *
     * @throws DocumentException if the file exists but cannot be read, or holds another document
     */
    public Optional<String> read() throws DocumentException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new DocumentException("cannot read " + file + ": " + e);
        }
        Fields cache = Fields.of(SafeYaml.load(text, ConfigParser.MAX_CHARS * 2), "cache");
        if (cache.integer("format", 1, Integer.MAX_VALUE) != ProviderCacheFile.FORMAT) {
            throw new DocumentException("cache.format: (expected: " + ProviderCacheFile.FORMAT + ")");
        }
        String kept = cache.string("document");
        if (!kept.equals(document)) {
            throw new DocumentException(
                    "cache.document: '" + Fields.abbreviate(kept) + "' (expected: " + document + ")");
        }
        return Optional.of(cache.string("text"));
    }

    /** Keeps {@code text} as the last good document; atomic: a reader sees the old or the new file. */
    public synchronized void write(String text) throws IOException {
        JsonWriter json = new JsonWriter(256 + text.length());
        json.beginObject()
                .field("format", ProviderCacheFile.FORMAT)
                .field("savedAtMillis", System.currentTimeMillis())
                .field("document", document)
                .field("text", text)
                .endObject();
        ProviderCacheFile.writeAtomically(file, json.text());
    }
}

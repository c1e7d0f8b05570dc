package io.courier.api.store;

import io.courier.api.DynamicConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The configuration documents kept in a registry's store, per environment, application and service
 * ({@link DocumentKey}), each with the history of its versions: the store behind the configuration
 * centre. Applications read the document in force through their registry; this is the writers' side.
 *
 * <p>Versions: every write makes a new version, numbered one more than the latest, and keeps its
 * record ({@link DocumentVersion}: text, author, instant, comment) beside the document. A write names
 * the version it makes and succeeds only if the latest version is the one before it: two writers
 * following the same version cannot both win ({@link VersionConflictException}). The document in
 * force and its version record change together (one transaction, or whatever the store has for
 * that): a reader never sees one without the other. A rollback is a write of an old text.
 *
 * <p>Errors: every method throws {@link StoreException} when the store cannot be reached or fails,
 * {@link NullPointerException} for a null argument, and {@link IllegalStateException} once its
 * {@link RegistryStore} is closed.
 *
 * <p>Thread-safety: every method may be called from any thread; each reads or writes the store
 * synchronously.
 */
public interface DocumentStore {

    /** The largest document a registry accepts, in characters. */
    int MAX_DOCUMENT_CHARS = 256 * 1024;

    /**
     * The version in force of {@code key}, or empty if the document does not exist or is empty. A
     * document written outside the store's versioning (no version record) is version 0 by author
     * {@code unknown}, stamped with the store's modification time.
     */
    Optional<DocumentVersion> current(DocumentKey key);

    /** Kept version {@code number} of {@code key}, or empty if it was never written or is no longer kept. */
    Optional<DocumentVersion> version(DocumentKey key, long number);

    /** The numbers of the kept versions of {@code key}, ascending; empty if it has none. */
    List<Long> versions(DocumentKey key);

    /**
     * Makes {@code version}'s text the document in force for {@code key} and keeps {@code version} as
     * its record, if the latest kept version is {@code version.number() - 1} (0: none yet); then drops
     * the oldest records beyond {@code keep} (a failure to drop leaves them for the next write).
     * Nothing checks the text: callers validate it first with {@link #parse}.
     *
     * @param version the new version; its number must be at least 1
     * @param keep how many versions to keep, at least 1
     * @throws VersionConflictException if the latest version is not {@code version.number() - 1};
     *     nothing was written
     * @throws IllegalArgumentException if {@code version.number()} or {@code keep} is below 1
     */
    void write(DocumentKey key, DocumentVersion version, int keep);

    /** The environments that have at least one document, sorted. */
    List<String> environments();

    /**
     * The documents of {@code environment}: applications first, then services, each sorted by name.
     * A stored name that is not a valid {@link DocumentKey} (not written through a store) is left out.
     */
    List<DocumentKey> documents(String environment);

    /**
     * Reads {@code text} exactly as this store's registry reads a configuration document (format 1 of
     * {@code docs/registry.md}: YAML without tags, known keys only, types and ranges, at most
     * {@link #MAX_DOCUMENT_CHARS}), so a writer can refuse what the applications would refuse. An
     * empty text is {@link DynamicConfig#EMPTY}. Reads nothing from the store.
     *
     * @throws InvalidDocumentException naming the first defect
     */
    DynamicConfig parse(String text) throws InvalidDocumentException;

    /**
     * Publishes the key declarations of the application of {@code key} (the text of
     * {@link io.courier.api.config.KeyDeclarations#encode()}), replacing those an earlier start published:
     * the writers of the configuration centre show them beside the values and check a write of the
     * application's {@code settings} against them. Called by the application when it starts following
     * its document.
     *
     * @throws UnsupportedOperationException if this store keeps no declarations (this default says so)
     * @throws IllegalArgumentException if {@code key} is not an application's, or the text is over
     *     {@link io.courier.api.config.KeyDeclarations#MAX_CHARS}
     */
    default void publishDeclarations(DocumentKey key, String declarations) {
        throw new UnsupportedOperationException(
                "this registry's store keeps no key declarations of applications (expected: ZooKeeper or etcd)");
    }

    /**
     * The key declarations the application of {@code key} published, or empty if it published none
     * (or this store keeps none, as this default).
     */
    default Optional<String> declarations(DocumentKey key) {
        return Optional.empty();
    }

    /**
     * The {@code settings} section of {@code text}, flattened ({@code shop: {discount-percent: 20}} is
     * {@code shop.discount-percent=20}), after the checks of {@link #parse}; empty when it has none.
     *
     * @throws InvalidDocumentException naming the first defect
     * @throws UnsupportedOperationException if this store does not read the section (this default says so)
     */
    default Map<String, String> settings(String text) throws InvalidDocumentException {
        throw new UnsupportedOperationException("this registry's store does not read the settings section");
    }

    /**
     * Delivers the text in force of {@code key} to {@code listener}: now, once the store has been
     * read, and then on every change (the empty text when the document is deleted or emptied). A
     * change is delivered whatever its validity: the listener may {@link #parse} it. Deliveries for
     * one watch never overlap and arrive in order, on the store's own thread; an exception the listener
     * throws is logged and does not stop later deliveries.
     *
     * @return a handle whose {@code close()} stops the deliveries (and never throws)
     */
    AutoCloseable watch(DocumentKey key, Consumer<String> listener);
}

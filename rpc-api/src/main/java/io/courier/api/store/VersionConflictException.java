package io.courier.api.store;

/**
 * A {@link DocumentStore#write} that lost to another writer: the document's latest version was not
 * the one the write followed. Nothing was written; the caller reads again and decides.
 */
public final class VersionConflictException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final long expected;
    private final long actual;

    /**
     * @param expected the latest version the write followed
     * @param actual the latest version found (it may have moved on again since)
     */
    public VersionConflictException(DocumentKey key, long expected, long actual) {
        super("conflicting write of " + key + ": expected version " + expected + ", current is " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    /** The latest version the write followed. */
    public long expected() {
        return expected;
    }

    /** The latest version found when the write was refused. */
    public long actual() {
        return actual;
    }
}

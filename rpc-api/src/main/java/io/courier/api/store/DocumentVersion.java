package io.courier.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a configuration document, as its history keeps it: the whole text and who wrote it,
 * when and why. Immutable.
 *
 * @param number 1 for the first write of a document, one more for each later write; never reused,
 *     even after older versions are dropped; 0 for a document written outside the store's versioning
 *     (by hand, with no history)
 * @param author who made the change, as the writer gave it
 * @param instant when the change was made (the writer's clock)
 * @param comment why, as the writer gave it; may be empty
 * @param text the document exactly as written; empty means "no configuration"
 */
public record DocumentVersion(long number, String author, Instant instant, String comment, String text) {

    /** @throws IllegalArgumentException if {@code number} is negative */
    public DocumentVersion {
        if (number < 0) {
            throw new IllegalArgumentException("number: " + number + " (expected: >= 0)");
        }
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(instant, "instant");
        comment = Objects.requireNonNullElse(comment, "");
        Objects.requireNonNull(text, "text");
    }
}

package io.courier.config;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a configuration document, as kept in its history: the audit record of one change
 * (who, when, why, and the whole text, from which a diff shows what). Immutable.
 *
 * @param number the version, 1 for the first write of a scope, one more for each later write
 *     (a rollback is a write too); never reused, even after older versions are dropped; 0 for a
 *     document written outside the centre (no version record)
 * @param author who made the change, as given by the writer (an operator's name, {@code console:alice})
 * @param instant when the change was written (the writer's clock)
 * @param comment why, as given by the writer, or generated ({@code rollback to version 3}); may be empty
 * @param text the document, exactly as written (an empty text means "no configuration")
 */
public record ConfigVersion(long number, String author, Instant instant, String comment, String text) {

    public ConfigVersion {
        if (number < 0) {
            throw new IllegalArgumentException("number: " + number + " (expected: >= 0)");
        }
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(instant, "instant");
        comment = Objects.requireNonNullElse(comment, "");
        Objects.requireNonNull(text, "text");
    }
}

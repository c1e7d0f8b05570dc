package io.courier.config;

import java.util.List;
import java.util.Objects;

/**
 * The line-by-line difference between two versions of one document, in unified-diff form: each
 * line starts with {@code ' '} (in both), {@code '-'} (only in {@code from}) or {@code '+'} (only in
 * {@code to}); every line of both texts appears once (no context trimming). Immutable.
 *
 * @param scope the document's scope
 * @param from the older version's number, or 0 for "no document"
 * @param to the newer version's number, or 0 for "no document"
 * @param lines the marked lines
 */
public record ConfigDiff(ConfigScope scope, long from, long to, List<String> lines) {

    public ConfigDiff {
        Objects.requireNonNull(scope, "scope");
        lines = List.copyOf(lines);
    }

    /** Whether the two texts are equal line for line. */
    public boolean unchanged() {
        return lines.stream().allMatch(line -> line.startsWith(" "));
    }

    /** A header ({@code --- <scope> v<from>}, {@code +++ <scope> v<to>}) and the lines, one per line. */
    public String text() {
        StringBuilder text = new StringBuilder();
        text.append("--- ").append(scope).append(" v").append(from).append('\n');
        text.append("+++ ").append(scope).append(" v").append(to).append('\n');
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return text.toString();
    }
}

package io.courier.examples.coordination;

import java.util.ArrayList;
import java.util.List;

/**
 * A resource protected by fencing tokens, as a database row with a {@code token} column would be:
 * it remembers the highest token it accepted and refuses writes that carry a smaller one, so a
 * leader that was paused past the end of its term cannot overwrite its successor's work.
 */
public final class ReportStore {

    private long highestToken = -1;
    private final List<String> reports = new ArrayList<>();

    /** Saves {@code report} unless {@code fencingToken} is older than one already accepted. */
    public synchronized boolean save(String report, long fencingToken) {
        if (fencingToken < highestToken) {
            return false;
        }
        highestToken = fencingToken;
        reports.add(report);
        return true;
    }

    public synchronized List<String> reports() {
        return List.copyOf(reports);
    }
}

package io.courier.console;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who did what and when, for every login (refused ones too) and every state-changing request: the
 * last {@link #KEPT} entries in memory for the page, and each one as a line of the logger {@code
 * io.courier.console.audit} for the operator's log store. Configuration changes are also in the
 * service document's versions in the configuration centre, with their author. Thread-safe.
 */
final class AuditLog {

    static final int KEPT = 500;
    private static final Logger log = LoggerFactory.getLogger("io.courier.console.audit");

    /** One entry; {@code outcome} is {@code ok}, or what went wrong. */
    record Entry(long when, String who, String what, String outcome) {}

    private final Deque<Entry> entries = new ArrayDeque<>();

    void record(String who, String what, String outcome) {
        Entry entry = new Entry(System.currentTimeMillis(), who, what, outcome);
        // One entry, one line: a field cannot forge a second entry (CWE-117).
        log.info("who={} what={} outcome={}", oneLine(who), oneLine(what), oneLine(outcome));
        synchronized (entries) {
            entries.addFirst(entry);
            if (entries.size() > KEPT) {
                entries.removeLast();
            }
        }
    }

    /**
     * {@code text} with every control character and line or paragraph separator written as a Java-style
     * unicode escape (a backslash, {@code u}, four hex digits) and each backslash doubled, so that it
     * stays on one line of the log and the escapes cannot be forged.
     */
    static String oneLine(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escape = c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029 || c == '\\';
            if (escape && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (c == '\\') {
                    out.append("\\\\");
                } else if (escape) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** Newest first. */
    List<Entry> entries() {
        synchronized (entries) {
            return new ArrayList<>(entries);
        }
    }
}

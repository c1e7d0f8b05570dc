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
        log.info("who={} what={} outcome={}", who, what, outcome);
        synchronized (entries) {
            entries.addFirst(entry);
            if (entries.size() > KEPT) {
                entries.removeLast();
            }
        }
    }

    /** Newest first. */
    List<Entry> entries() {
        synchronized (entries) {
            return new ArrayList<>(entries);
        }
    }
}

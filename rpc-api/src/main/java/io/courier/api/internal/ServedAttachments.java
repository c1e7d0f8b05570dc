package io.courier.api.internal;

import io.courier.api.Internal;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * The attachments of a request being served that carries a time budget: the ones from the wire plus
 * {@link #RECEIVED_NANOS}, the {@link System#nanoTime()} at which its frame was read,
 * written out as decimal text only if someone reads it as an attachment: most requests are answered
 * without anyone doing so, and formatting it on every request was a measurable part of a provider's
 * CPU. Nobody reads the {@code long} back out of this map: the request's typed deadline ({@code
 * Invocation.deadlineNanos()}, and {@code RpcContext.requestRemainingNanos} while it is served) is
 * where the deadline's readers take the time from; the stamp here only feeds the text. Immutable and
 * thread-safe; seen from outside it is an ordinary unmodifiable map that holds the stamp's entry.
 */
@Internal
public final class ServedAttachments extends AbstractMap<String, String> {

    /**
     * The key of the receive stamp, held here so that this map does not reach up to {@code RpcContext},
     * whose {@code RECEIVED_NANOS} is this constant.
     */
    public static final String RECEIVED_NANOS = "courier.received-nanos";

    private final Map<String, String> wire;
    private final long receivedNanos;
    /** The stamp as text, made on first read; a race only formats it twice. */
    private String stamp;
    /** Every entry, stamp included, made on first iteration. */
    private Set<Entry<String, String>> entries;

    private ServedAttachments(Map<String, String> wire, long receivedNanos) {
        this.wire = wire;
        this.receivedNanos = receivedNanos;
    }

    /**
     * {@code wire} (immutable, without a {@link #RECEIVED_NANOS} key) with the receive
     * stamp {@code receivedNanos}.
     */
    public static Map<String, String> of(Map<String, String> wire, long receivedNanos) {
        return new ServedAttachments(wire, receivedNanos);
    }

    /** Whether {@code attachments} is known to be immutable already, so that it needs no copy. */
    public static boolean isServed(Map<String, String> attachments) {
        return attachments instanceof ServedAttachments;
    }

    @Override
    public String get(Object key) {
        if (RECEIVED_NANOS.equals(key)) {
            String text = stamp;
            if (text == null) {
                text = Long.toString(receivedNanos);
                stamp = text;
            }
            return text;
        }
        return wire.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return RECEIVED_NANOS.equals(key) || wire.containsKey(key);
    }

    @Override
    public int size() {
        return wire.size() + 1;
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        Set<Entry<String, String>> all = entries;
        if (all == null) {
            @SuppressWarnings("unchecked")
            Entry<String, String>[] array = new Entry[wire.size() + 1];
            int i = 0;
            for (Entry<String, String> entry : wire.entrySet()) {
                array[i++] = entry;
            }
            array[i] = Map.entry(RECEIVED_NANOS, get(RECEIVED_NANOS));
            all = Map.ofEntries(array).entrySet();
            entries = all;
        }
        return all;
    }
}

package io.courier.api.internal;

import io.courier.api.RpcContext;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * The attachments of a request being served that carries a time budget: the ones from the wire plus
 * {@link RpcContext#RECEIVED_NANOS}, the {@link System#nanoTime()} at which its frame was read. The
 * stamp is kept as a {@code long} ({@link #receivedNanos(Map)}, for the deadline's readers) and
 * written out as decimal text only if someone reads it as an attachment: most requests are answered
 * without anyone doing so, and formatting it on every request was a measurable part of a provider's
 * CPU. Immutable and thread-safe; seen from outside it is an ordinary unmodifiable map that holds
 * the stamp's entry.
 */
public final class ServedAttachments extends AbstractMap<String, String> {

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
     * {@code wire} (immutable, without a {@link RpcContext#RECEIVED_NANOS} key) with the receive
     * stamp {@code receivedNanos}.
     */
    public static Map<String, String> of(Map<String, String> wire, long receivedNanos) {
        return new ServedAttachments(wire, receivedNanos);
    }

    /**
     * The receive stamp in {@code attachments}: the typed value of a served request's, else the
     * {@link RpcContext#RECEIVED_NANOS} text read as a signed decimal; {@link Long#MIN_VALUE} when
     * there is none or it is not a number.
     */
    public static long receivedNanos(Map<String, String> attachments) {
        if (attachments instanceof ServedAttachments served) {
            return served.receivedNanos;
        }
        return parseSigned(attachments.get(RpcContext.RECEIVED_NANOS));
    }

    /** Whether {@code attachments} is known to be immutable already, so that it needs no copy. */
    public static boolean isServed(Map<String, String> attachments) {
        return attachments instanceof ServedAttachments;
    }

    /** A signed decimal long, or {@link Long#MIN_VALUE} if {@code text} is not one. */
    public static long parseSigned(String text) {
        if (text == null || text.isEmpty() || text.length() > 19) {
            return Long.MIN_VALUE;
        }
        boolean negative = text.charAt(0) == '-';
        int start = negative ? 1 : 0;
        if (start == text.length()) {
            return Long.MIN_VALUE;
        }
        long value = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Long.MIN_VALUE;
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }

    @Override
    public String get(Object key) {
        if (RpcContext.RECEIVED_NANOS.equals(key)) {
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
        return RpcContext.RECEIVED_NANOS.equals(key) || wire.containsKey(key);
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
            array[i] = Map.entry(RpcContext.RECEIVED_NANOS, get(RpcContext.RECEIVED_NANOS));
            all = Map.ofEntries(array).entrySet();
            entries = all;
        }
        return all;
    }
}

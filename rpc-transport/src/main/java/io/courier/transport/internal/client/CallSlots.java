package io.courier.transport.internal.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The calls of one connection by request id, for ids handed out in sequence: a call sits in the
 * slot its id picks ({@code id mod} {@value #SLOTS}), or, when a call {@value #SLOTS} ids older
 * still holds that slot, in an overflow map. Thread-safe.
 *
 * <p>Why not just a {@link ConcurrentHashMap}: every call is put by its caller's thread and removed
 * by the IO thread, and the map's put and remove were 7 % of the callers' and 11 % of the IO
 * thread's samples on the smallest call (a {@code Long} boxed each way, a node allocated, a size
 * counter striped across cells). A slot costs one compare-and-set each way. With fewer than
 * {@value #SLOTS} calls in flight on a connection the overflow map is never touched; beyond that it
 * takes the rest, so nothing is ever refused. The slots cost 1 KiB or so per connection.
 *
 * <p>{@link #size} and {@link #calls} scan the slots: for statistics, sweeps and closing, never per
 * call.
 */
public final class CallSlots {

    static final int SLOTS = 256;

    private final AtomicReferenceArray<PendingCall> slots = new AtomicReferenceArray<>(SLOTS);
    private final ConcurrentHashMap<Long, PendingCall> overflow = new ConcurrentHashMap<>();

    private static int slot(long id) {
        return (int) id & (SLOTS - 1);
    }

    /** Adds {@code call}; its id must not be in the table already. */
    void put(PendingCall call) {
        if (!slots.compareAndSet(slot(call.id()), null, call)) {
            overflow.put(call.id(), call);
        }
    }

    /** Removes and returns the call with {@code id}, or {@code null} if none is in the table. */
    PendingCall remove(long id) {
        int slot = slot(id);
        PendingCall call = slots.get(slot);
        if (call != null && call.id() == id && slots.compareAndSet(slot, call, null)) {
            return call;
        }
        return overflow.isEmpty() ? null : overflow.remove(id);
    }

    /** Removes {@code call} if it is still in the table. */
    boolean remove(PendingCall call) {
        return slots.compareAndSet(slot(call.id()), call, null) || overflow.remove(call.id(), call);
    }

    /** Whether {@code call} is in the table. */
    boolean contains(PendingCall call) {
        return slots.get(slot(call.id())) == call || (!overflow.isEmpty() && overflow.get(call.id()) == call);
    }

    /** A snapshot of the calls in the table. */
    List<PendingCall> calls() {
        List<PendingCall> calls = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            PendingCall call = slots.get(i);
            if (call != null) {
                calls.add(call);
            }
        }
        calls.addAll(overflow.values());
        return calls;
    }

    /** Calls in the table now. */
    int size() {
        int size = overflow.size();
        for (int i = 0; i < SLOTS; i++) {
            if (slots.get(i) != null) {
                size++;
            }
        }
        return size;
    }

    boolean isEmpty() {
        if (!overflow.isEmpty()) {
            return false;
        }
        for (int i = 0; i < SLOTS; i++) {
            if (slots.get(i) != null) {
                return false;
            }
        }
        return true;
    }
}

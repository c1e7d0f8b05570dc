package io.courier.transport.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CallSlotsTest {

    private final CallSlots slots = new CallSlots();

    @Test
    void callIsFoundByItsId_once() {
        PendingCall call = call(7);
        slots.put(call);

        assertThat(slots.size()).isEqualTo(1);
        assertThat(slots.remove(8)).isNull();
        assertThat(slots.remove(7)).isSameAs(call);
        assertThat(slots.remove(7)).isNull();
        assertThat(slots.isEmpty()).isTrue();
    }

    @Test
    void callWhoseSlotIsTaken_goesToTheOverflow_andIsFoundThere() {
        PendingCall older = call(5);
        PendingCall newer = call(5 + CallSlots.SLOTS);
        PendingCall newest = call(5 + 2 * CallSlots.SLOTS);
        slots.put(older);
        slots.put(newer);
        slots.put(newest);

        assertThat(slots.size()).isEqualTo(3);
        assertThat(slots.calls()).containsExactlyInAnyOrder(older, newer, newest);
        assertThat(slots.remove(newer.id())).isSameAs(newer);
        assertThat(slots.remove(older.id())).isSameAs(older);
        assertThat(slots.isEmpty()).isFalse();
        assertThat(slots.remove(newest)).isTrue();
        assertThat(slots.remove(newest)).isFalse();
        assertThat(slots.isEmpty()).isTrue();
    }

    @Test
    void removingACall_removesThatCallOnly() {
        PendingCall call = call(3);
        slots.put(call);

        assertThat(slots.remove(call(3))).as("another call with the same id").isFalse();
        assertThat(slots.remove(call)).isTrue();
        assertThat(slots.size()).isZero();
    }

    @Test
    @Timeout(30)
    void callsPutAndRemovedFromManyThreads_eachLeaveExactlyOnce() throws InterruptedException {
        AtomicLong ids = new AtomicLong();
        AtomicInteger found = new AtomicInteger();
        int perThread = 20_000;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                // Several calls in flight per thread, answered out of order.
                List<PendingCall> mine = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    PendingCall call = call(ids.incrementAndGet());
                    slots.put(call);
                    mine.add(call);
                    if (mine.size() == 100) {
                        for (int j = mine.size() - 1; j >= 0; j--) {
                            if (slots.remove(mine.get(j).id()) == mine.get(j)) {
                                found.incrementAndGet();
                            }
                        }
                        mine.clear();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(20_000);
        }

        assertThat(found.get()).isEqualTo(4 * perThread);
        assertThat(slots.isEmpty()).isTrue();
    }

    private static PendingCall call(long id) {
        return new PendingCall(id, null, null, (result, failure) -> {}, null, null, 0L);
    }
}

package io.courier.transport.internal.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RunQueueWaitTest {

    @Test
    void fields_areTheRunQueueWaitAndTheTimesOnACpu() {
        assertThat(RunQueueWait.field(bytes("273700 0 2\n"), 1)).isZero();
        assertThat(RunQueueWait.field(bytes("273700 0 2\n"), 2)).isEqualTo(2);
        assertThat(RunQueueWait.field(bytes("51216391 4823 117\n"), 1)).isEqualTo(4823);
        assertThat(RunQueueWait.field(bytes("51216391 4823 117\n"), 2)).isEqualTo(117);
        assertThat(RunQueueWait.field(bytes("51216391\n"), 1)).isEqualTo(-1);
        assertThat(RunQueueWait.field(bytes("51216391 4823\n"), 2)).isEqualTo(-1);
        assertThat(RunQueueWait.field(bytes("garbage x"), 1)).isEqualTo(-1);
        assertThat(RunQueueWait.field(bytes(""), 1)).isEqualTo(-1);
    }

    @Test
    void threadPutOnACpuAgain_losesOnlyItsRunQueueWait() {
        // it may have slept: the 4 ms beyond its CPU time and wait may be the method's own
        assertThat(RunQueueWait.lost(5_000_000, 500_000, 500_000, 1)).isEqualTo(500_000);
        assertThat(RunQueueWait.lost(5_000_000, 500_000, 0, 3)).isZero();
    }

    @Test
    void threadThatNeverLeftItsCpu_losesWhatItDidNotRun() {
        // neither asleep nor waiting, yet 4.5 of 5 ms not on its CPU clock: the host had the CPU
        assertThat(RunQueueWait.lost(5_000_000, 500_000, 0, 0)).isEqualTo(4_500_000);
        // a thread that computed the whole time lost nothing
        assertThat(RunQueueWait.lost(5_000_000, 5_000_000, 0, 0)).isZero();
        assertThat(RunQueueWait.lost(5_000_000, 5_100_000, 0, 0)).isZero();
    }

    @Test
    void threadThatBlocks_isNotCountedAsWaitingForACpu() {
        try (RunQueueWait wait = RunQueueWait.open()) {
            assumeTrue(wait.available(), "no scheduler statistics on this machine");
            wait.mark(System.nanoTime());
            assertThat(wait.lastReading()).isEmpty();
            long parked = TimeUnit.MILLISECONDS.toNanos(100);
            long until = System.nanoTime() + parked;
            // parkNanos may return early; park until the whole time has passed
            for (long left = parked; left > 0; left = until - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }

            // it left its CPU: the time asleep is its own, however little CPU it used
            assertThat(wait.lostSinceMark(System.nanoTime())).isLessThan(parked / 2);
            // and the slow call's log line says it was put on a CPU again
            assertThat(wait.lastReading()).contains("put on a CPU").doesNotContain("put on a CPU 0 times");
        }
    }

    @Test
    void threadThatRunsBesideMoreBusyThreadsThanCores_isCountedAsWaitingForACpu() throws InterruptedException {
        try (RunQueueWait wait = RunQueueWait.open()) {
            assumeTrue(wait.available(), "no scheduler statistics on this machine");
            int cores = Runtime.getRuntime().availableProcessors();
            long spinNanos = TimeUnit.MILLISECONDS.toNanos(400);
            long stopAt = System.nanoTime() + 2 * spinNanos;
            List<Thread> spinners = new ArrayList<>();
            for (int i = 0; i < 3 * cores; i++) {
                Thread spinner = new Thread(() -> spinUntil(stopAt), "spinner-" + i);
                spinner.setDaemon(true);
                spinners.add(spinner);
                spinner.start();
            }
            try {
                wait.mark(System.nanoTime());
                spinUntil(System.nanoTime() + spinNanos);

                // With three runnable threads per core, this one waited for about two thirds of it.
                assertThat(wait.lostSinceMark(System.nanoTime())).isGreaterThan(spinNanos / 10);
            } finally {
                for (Thread spinner : spinners) {
                    spinner.join(TimeUnit.NANOSECONDS.toMillis(2 * spinNanos) + 5_000);
                }
            }
        }
    }

    @Test
    void threadThatComputes_losesLittle() {
        try (RunQueueWait wait = RunQueueWait.open()) {
            assumeTrue(wait.available(), "no scheduler statistics on this machine");
            long spinNanos = TimeUnit.MILLISECONDS.toNanos(5);
            // Its CPU clock moves with the wall clock: a stall of its own. Other processes on a busy
            // 2-core machine can take the core during a spin, so the best of up to 200 short spins
            // counts (one scheduler slice of a few ms can cover a whole spin even at a load of 20);
            // a measure that charged a computing thread with waiting would fail them all.
            long leastLost = Long.MAX_VALUE;
            for (int attempt = 0; attempt < 200 && leastLost >= spinNanos / 2; attempt++) {
                wait.mark(System.nanoTime());
                spinUntil(System.nanoTime() + spinNanos);
                leastLost = Math.min(leastLost, wait.lostSinceMark(System.nanoTime()));
            }
            assertThat(leastLost).isLessThan(spinNanos / 2);
        }
    }

    private static void spinUntil(long nanoTime) {
        while (System.nanoTime() - nanoTime < 0) {
            Thread.onSpinWait();
        }
    }

    private static ByteBuffer bytes(String text) {
        ByteBuffer buffer = ByteBuffer.allocate(96);
        buffer.put(text.getBytes(StandardCharsets.US_ASCII));
        return buffer;
    }
}

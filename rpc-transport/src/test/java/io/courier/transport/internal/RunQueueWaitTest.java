package io.courier.transport.internal;

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
    void secondField_isTheRunQueueWait() {
        assertThat(RunQueueWait.secondField(bytes("273700 0 2\n"))).isZero();
        assertThat(RunQueueWait.secondField(bytes("51216391 4823 117\n"))).isEqualTo(4823);
        assertThat(RunQueueWait.secondField(bytes("51216391\n"))).isEqualTo(-1);
        assertThat(RunQueueWait.secondField(bytes("garbage x"))).isEqualTo(-1);
        assertThat(RunQueueWait.secondField(bytes(""))).isEqualTo(-1);
    }

    @Test
    void threadThatBlocks_isNotCountedAsWaitingForACpu() {
        try (RunQueueWait wait = RunQueueWait.open()) {
            assumeTrue(wait.available(), "no scheduler statistics on this machine");
            wait.mark(System.nanoTime());
            long parked = TimeUnit.MILLISECONDS.toNanos(100);
            long until = System.nanoTime() + parked;
            // parkNanos may return early; park until the whole time has passed
            for (long left = parked; left > 0; left = until - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }

            assertThat(wait.waitedSinceMark()).isLessThan(parked / 2);
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
                assertThat(wait.waitedSinceMark()).isGreaterThan(spinNanos / 10);
            } finally {
                for (Thread spinner : spinners) {
                    spinner.join(TimeUnit.NANOSECONDS.toMillis(2 * spinNanos) + 5_000);
                }
            }
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

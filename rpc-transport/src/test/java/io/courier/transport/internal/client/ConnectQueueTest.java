package io.courier.transport.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.util.HashedWheelTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ConnectQueueTest {

    private final HashedWheelTimer timer = new HashedWheelTimer(1, TimeUnit.MILLISECONDS);
    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final List<String> started = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<?>> pending = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        timer.stop();
    }

    private Supplier<CompletableFuture<?>> attempt(String name) {
        return () -> {
            started.add(name);
            CompletableFuture<?> future = new CompletableFuture<>();
            pending.add(future);
            return future;
        };
    }

    @Test
    void atMostConcurrencyRunAtOnce_andFirstAttemptsGoAheadOfRepeats() {
        ConnectQueue queue = new ConnectQueue(2, 100, timer, now::get);

        queue.repeat(attempt("r1"));
        queue.first(attempt("f1"));
        queue.first(attempt("f2"));
        queue.repeat(attempt("r2"));

        assertThat(started).containsExactly("r1", "f1");
        pending.get(0).complete(null);
        assertThat(started).containsExactly("r1", "f1", "f2");
        pending.get(1).complete(null);
        assertThat(started).containsExactly("r1", "f1", "f2", "r2");
        assertThat(queue.waiting()).isZero();
    }

    @Test
    void tryRepeat_allowsOneSecondsWorth_thenRefillsAtTheRate() {
        ConnectQueue queue = new ConnectQueue(2, 10, timer, now::get);
        int granted = 0;
        while (queue.tryRepeat()) {
            granted++;
        }
        assertThat(granted).isEqualTo(10);

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(250));

        assertThat(queue.tryRepeat()).isTrue();
        assertThat(queue.tryRepeat()).isTrue();
        assertThat(queue.tryRepeat()).isFalse();
    }

    @Test
    @Timeout(10)
    void queuedRepeats_startWhenTheirTokenIsDue() {
        ConnectQueue queue = new ConnectQueue(100, 50, timer, System::nanoTime);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String name = "r" + i;
            names.add(name);
            queue.repeat(() -> {
                started.add(name);
                return CompletableFuture.completedFuture(null);
            });
        }
        assertThat(started)
                .as("one second's worth at once, the rest at 50 per second")
                .hasSizeLessThan(58);

        await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == 60);
        assertThat(started).containsExactlyElementsOf(names);
    }
}

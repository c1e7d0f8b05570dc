package io.courier.transport.internal.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VirtualThreadsTest {

    @Test
    void available_matchesTheRunningJavaVersion() {
        assertThat(VirtualThreads.available()).isEqualTo(Runtime.version().feature() >= 21);
    }

    @Test
    void newExecutor_runsOnVirtualThreadsOrFailsWithAClearMessage() throws Exception {
        if (Runtime.version().feature() >= 21) {
            ExecutorService executor = VirtualThreads.newExecutor("test-virtual-");
            try {
                CompletableFuture<String> name = CompletableFuture.supplyAsync(
                        () -> Thread.currentThread().toString(), executor);
                assertThat(name.get(5, TimeUnit.SECONDS)).contains("test-virtual-0");
            } finally {
                executor.shutdown();
            }
        } else {
            assertThatThrownBy(() -> VirtualThreads.newExecutor("test-virtual-"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("executor: 'virtual' (expected: Java 21 or later")
                    .hasMessageContaining("use 'pool' or 'direct'");
        }
    }
}

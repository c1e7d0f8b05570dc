package io.courier.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnsafeMemoryAccessTest {

    @Test
    void java24AndLater_withoutTheJvmOption_turnsNettysUnsafeOff() {
        assertThat(UnsafeMemoryAccess.applies(24, null)).isTrue();
        assertThat(UnsafeMemoryAccess.applies(25, null)).isTrue();
    }

    @Test
    void java17To23_keepNettysUnsafe() {
        assertThat(UnsafeMemoryAccess.applies(17, null)).isFalse();
        assertThat(UnsafeMemoryAccess.applies(23, null)).isFalse();
    }

    @Test
    void theJvmOption_decidesWhenGiven() {
        assertThat(UnsafeMemoryAccess.applies(25, "allow")).isFalse();
        assertThat(UnsafeMemoryAccess.applies(25, "warn")).isFalse();
    }

    @Test
    void javaTime_isOpenOnlyWhereTheCommandLineOrAManifestOpensIt() {
        // the test JVM opens nothing: protostuff stays on Unsafe in an application that opens nothing
        assertThat(UnsafeMemoryAccess.javaTimeIsOpen()).isFalse();
    }
}

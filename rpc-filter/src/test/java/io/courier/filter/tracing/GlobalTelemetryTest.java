package io.courier.filter.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.propagation.ContextPropagators;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On the OpenTelemetry API Courier builds against (which has {@code getOrNoop()}), reading the global
 * instance never installs one. The older API that Spring Boot 3.4 and 3.5 manage is covered by the
 * Spring Boot user projects, which run on it.
 */
class GlobalTelemetryTest {

    @BeforeEach
    @AfterEach
    void noGlobal() {
        GlobalOpenTelemetry.resetForTest();
    }

    @Test
    void getOrNoop_withNoGlobalSet_answersTheNoopInstance_andLeavesTheGlobalUnset() {
        assertThat(GlobalTelemetry.getOrNoop()).isSameAs(OpenTelemetry.noop());
        assertThat(GlobalOpenTelemetry.isSet()).isFalse();
    }

    @Test
    void getOrNoop_answersTheGlobalOnceSet() {
        OpenTelemetry mine = OpenTelemetry.propagating(ContextPropagators.noop());
        GlobalOpenTelemetry.set(mine);

        assertThat(GlobalTelemetry.getOrNoop().getPropagators()).isSameAs(mine.getPropagators());
    }
}

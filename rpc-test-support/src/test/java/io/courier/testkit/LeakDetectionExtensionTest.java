package io.courier.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class LeakDetectionExtensionTest {

    @Test
    void testClassThatLeaksABuffer_fails() {
        Events containers = run(LeakingSample.class);

        assertThat(containers.failed().count()).isEqualTo(1);
        Throwable failure = containers.failed().stream()
                .findFirst()
                .orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .orElseThrow()
                .getThrowable()
                .orElseThrow();
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("Netty leak report");
    }

    @Test
    void testClassThatReleasesItsBuffers_passes() {
        assertThat(run(ReleasingSample.class).failed().count()).isZero();
    }

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .selectors(selectClass(testClass))
                .execute()
                .containerEvents();
    }
}

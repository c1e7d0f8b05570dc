package io.courier.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.courier.bootstrap.Courier;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The extension itself, run on sample test classes through JUnit's EngineTestKit. Isolated: no other
 * class of this module runs meanwhile, so that the deliberate buffer leak is reported here and
 * nowhere else (Netty's leak reports are JVM-wide).
 */
@Isolated
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CourierExtensionTest {

    @Test
    void testThatLeavesAConnectionOpen_fails_namingTheLeak() {
        try {
            Events tests = run(false, LeakingConnectionSample.class);

            assertThat(tests.failed().count()).isEqualTo(1);
            Throwable failure = tests.failed().stream()
                    .findFirst()
                    .orElseThrow()
                    .getPayload(TestExecutionResult.class)
                    .orElseThrow()
                    .getThrowable()
                    .orElseThrow();
            assertThat(failure)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("leaked 1 connection(s)")
                    .hasMessageContaining("close every Courier application and client it starts");
        } finally {
            Courier leaked = LeakingConnectionSample.leaked;
            if (leaked != null) {
                leaked.close();
            }
        }
    }

    @Test
    void classThatLeaksANettyBuffer_fails() {
        Events classes = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(BufferLeakingSample.class))
                .execute()
                .containerEvents();

        assertThat(failureMessages(classes)).singleElement().asString().contains("Netty leak report");
    }

    @Test
    void testThatClosesWhatItStarts_passes() {
        Events tests = run(false, ClosingSample.class);

        assertThat(tests.succeeded().count()).isEqualTo(1);
        assertThat(tests.failed().count()).isZero();
    }

    @Test
    void parallelTestClasses_exportingTheSameService_seeOnlyTheirOwnProvider() {
        Events tests = run(true, IsolatedLeftSample.class, IsolatedRightSample.class);

        assertThat(tests.failed().list()).isEmpty();
        assertThat(tests.succeeded().count()).isEqualTo(2);
    }

    @Test
    void testEventsWithoutEventsTrue_failsTheTest_sayingWhatToAdd() {
        Events tests = run(false, EventsNotAskedSample.class);

        assertThat(failureMessages(tests))
                .singleElement()
                .asString()
                .contains("no events (expected: @CourierTest(events = true))");
    }

    private static List<String> failureMessages(Events events) {
        return events.failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class)
                        .flatMap(TestExecutionResult::getThrowable)
                        .map(Throwable::getMessage)
                        .orElse(""))
                .toList();
    }

    private static Events run(boolean parallel, Class<?>... testClasses) {
        EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", Boolean.toString(parallel))
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "same_thread")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2");
        for (Class<?> testClass : testClasses) {
            builder.selectors(selectClass(testClass));
        }
        return builder.execute().testEvents();
    }
}

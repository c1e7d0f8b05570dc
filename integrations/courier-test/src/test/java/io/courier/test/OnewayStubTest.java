package io.courier.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.courier.api.Reference;
import io.courier.test.fixtures.Audit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * docs/testing.md's stub that throws on a {@code @Oneway} method: the caller is not told (no answer
 * comes), so the provider logs it, once.
 */
@CourierTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OnewayStubTest {

    /** Where the provider ends a call; its WARN is the only trace of a failed oneway call. */
    private static final String PROVIDER_LOG = "io.courier.transport.internal.server.RequestTask";

    @Provide
    MockProvider<Audit> audit = MockProvider.of(Audit.class);

    @Reference
    Audit client;

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void captureTheProvidersLog() {
        lines.start();
        ((Logger) LoggerFactory.getLogger(PROVIDER_LOG)).addAppender(lines);
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger(PROVIDER_LOG)).detachAppender(lines);
    }

    @Test
    void exceptionStubbedOnAOnewayMethod_isLoggedOnceByTheProvider_andNotThrownToTheCaller() {
        audit.whenCalled(a -> a.record("login")).thenThrow(new IllegalStateException("locked"));

        client.record("login"); // returns once sent: a oneway call has no answer to throw from

        await().atMost(Duration.ofSeconds(10)).until(() -> audit.calls("record").size() == 1 && !mine().isEmpty());
        assertThat(mine()).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage())
                    .contains("oneway call " + Audit.class.getName() + "#record(java.lang.String) failed")
                    .contains("java.lang.IllegalStateException: locked");
        });
    }

    /** This class's lines: the module's test classes run in parallel, in one JVM. */
    private List<ILoggingEvent> mine() {
        synchronized (lines) {
            return lines.list.stream()
                    .filter(line -> line.getFormattedMessage().contains(Audit.class.getName()))
                    .toList();
        }
    }
}

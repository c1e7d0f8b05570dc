package io.courier.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.testkit.ChildJvm;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGTERM to a running demo, as {@code kill} or a container stop sends it: every application of the
 * shop closes, in order, each saying so, then the registry; nothing prints a stack trace.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DemoSignalTest {

    /** The shop's applications, one "closed" line per instance. */
    private static final List<String> APPLICATIONS = List.of(
            "shop-gateway",
            "courier-console",
            "shop-browser",
            "shop-client",
            "order-service",
            "notification-service",
            "inventory-service",
            "user-service");

    @Test
    void sigterm_whileTrafficFlows_closesEveryApplicationInOrder_withoutAStackTrace() throws Exception {
        try (ChildJvm demo = ChildJvm.start(DemoApplication.class, List.of("-Xmx512m"), "--duration-seconds", "120")) {
            assertThat(demo.awaitLine(line -> line.contains("traffic started"), Duration.ofSeconds(150)))
                    .as(demo.output())
                    .isTrue();
            TimeUnit.SECONDS.sleep(2);

            demo.terminate();

            assertThat(demo.awaitExit(Duration.ofSeconds(60))).as(demo.output()).isPresent();
            List<String> lines = demo.lines();
            String output = demo.output();
            int stopAt = indexOf(lines, "Stopping: closing every application");
            assertThat(stopAt).as(output).isNotNegative();
            int previous = stopAt;
            for (String application : APPLICATIONS) {
                int closedAt = indexOf(lines, "Courier application '" + application + "' closed", stopAt);
                assertThat(closedAt)
                        .as(application + " closed after " + lines.get(previous) + "\n" + output)
                        .isGreaterThan(previous);
                previous = closedAt;
            }
            assertThat(indexOf(lines, "Embedded ZooKeeper stopped", stopAt))
                    .as("the registry stops after the applications\n" + output)
                    .isGreaterThan(previous);
            assertThat(lines)
                    .as("no stack trace\n" + output)
                    .noneMatch(line -> line.startsWith("\tat ") || line.matches("^\\s+at [\\w$.]+\\(.*\\)$"))
                    .noneMatch(line -> line.contains("Exception:") && !line.contains("UserNotFoundException"));
            // a newcomer's first run reads no warning: neither Courier's nor the JVM's
            assertThat(lines)
                    .as("no WARN and no JVM warning\n" + output)
                    .noneMatch(line -> line.contains(" WARN ") || line.startsWith("WARNING:"));
        }
    }

    private static int indexOf(List<String> lines, String text) {
        return indexOf(lines, text, 0);
    }

    private static int indexOf(List<String> lines, String text, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}

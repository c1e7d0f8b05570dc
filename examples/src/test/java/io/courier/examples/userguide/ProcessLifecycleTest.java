package io.courier.examples.userguide;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.examples.guide.GettingStarted;
import io.courier.testkit.ChildJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The examples as a user runs them, each in a JVM of its own with the logback.xml that
 * docs/getting-started.md shows: the JVM exits when {@code main} fails, and a normal run, a served
 * run stopped by SIGTERM, prints no WARN or ERROR line and no stack trace.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessLifecycleTest {

    private static final Duration START = Duration.ofSeconds(60);
    private static final List<String> DOCUMENTED_LOGGING = List.of("-Dlogback.configurationFile=logback.xml");
    private static final Pattern TROUBLE = Pattern.compile(
            "\\b(WARN|ERROR)\\b|^\\s+at [\\w$.]+\\(|^Caused by: |Exception in thread|^[\\w$.]+(Exception|Error)(: |$)");

    @Test
    void exceptionInMain_afterStart_endsTheJvmWithinFiveSeconds() throws Exception {
        try (ChildJvm jvm = ChildJvm.start(ThrowsAfterStart.class, DOCUMENTED_LOGGING)) {
            assertThat(jvm.awaitLine(line -> line.contains("Exception in thread \"main\""), START))
                    .as(jvm.output())
                    .isTrue();
            long thrown = System.nanoTime();

            OptionalInt exit = jvm.awaitExit(Duration.ofSeconds(5));

            assertThat(exit)
                    .as("exit within 5 s of the exception; output:%n%s", jvm.output())
                    .isPresent();
            assertThat(exit.getAsInt()).isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - thrown)).isLessThan(Duration.ofSeconds(5));
            assertThat(jvm.output())
                    .contains(
                            "Exception in thread \"main\" java.lang.IllegalStateException: the application's own failure")
                    .doesNotContain("died", "NIOServerCnxnFactory");
        }
    }

    @Test
    void gettingStarted_runsAndExits_withoutWarningsOrStackTraces() throws Exception {
        try (ChildJvm jvm = ChildJvm.start(GettingStarted.class, DOCUMENTED_LOGGING)) {
            OptionalInt exit = jvm.awaitExit(START);

            assertThat(exit).as(jvm.output()).hasValue(0);
            assertThat(jvm.output()).contains("user 1 is Ada Lovelace", "Embedded ZooKeeper stopped");
            assertThat(indexesOf(jvm.lines(), "CONSUMER filter chain of io.courier.examples.guide.UserService"))
                    .as("three references of one service, one chain logged:%n%s", jvm.output())
                    .hasSize(1);
            assertThat(trouble(jvm)).as(jvm.output()).isEmpty();
        }
    }

    @Test
    void server_stoppedBySigterm_closesInOrder_withoutWarningsOrStackTraces() throws Exception {
        try (ChildJvm jvm = ChildJvm.start(UserServer.class, DOCUMENTED_LOGGING)) {
            assertThat(jvm.awaitLine(line -> line.contains("serving; user 1 is Ada Lovelace"), START))
                    .as(jvm.output())
                    .isTrue();

            jvm.terminate();

            OptionalInt exit = jvm.awaitExit(Duration.ofSeconds(20));
            assertThat(exit).as(jvm.output()).isPresent();
            assertThat(exit.getAsInt()).as(jvm.output()).isEqualTo(143);
            assertThat(jvm.output())
                    .contains("Courier application 'user-service' closed", "Courier application 'shop' closed")
                    .contains("Embedded ZooKeeper stopped");
            List<String> lines = jvm.lines();
            List<Integer> clientsClosed = indexesOf(lines, "Registry client for root /courier closed");
            assertThat(clientsClosed).as(jvm.output()).hasSize(2);
            assertThat(indexesOf(lines, "Embedded ZooKeeper stopped"))
                    .as("the registry stops after both applications' clients closed:%n%s", jvm.output())
                    .singleElement()
                    .satisfies(stopped -> assertThat(stopped).isGreaterThan(clientsClosed.get(1)));
            assertThat(trouble(jvm)).as(jvm.output()).isEmpty();
        }
    }

    private static List<String> trouble(ChildJvm jvm) {
        return jvm.lines().stream().filter(line -> TROUBLE.matcher(line).find()).toList();
    }

    private static List<Integer> indexesOf(List<String> lines, String text) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                found.add(i);
            }
        }
        return found;
    }
}

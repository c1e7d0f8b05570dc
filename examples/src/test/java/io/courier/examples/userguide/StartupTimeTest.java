package io.courier.examples.userguide;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.testkit.ChildJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's example as a user runs it: {@link FirstCall#main} in fresh JVMs, five times, with the
 * default serializer ({@code auto}); reports the median time from main to the first answer, the
 * figure docs/benchmarks.md ("Start-up") records. Only a generous sanity bound is asserted: the
 * figure depends on the machine and its load, and is read from the log, not enforced here.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StartupTimeTest {

    private static final Logger log = LoggerFactory.getLogger(StartupTimeTest.class);
    private static final int RUNS = 5;
    private static final Pattern ANSWER = Pattern.compile("First answer '(.*)' (\\d+) ms after main began");

    @Test
    void readmeExample_answersInFreshJvms_andReportsTheMedianStartToFirstAnswer() throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            int run = i;
            try (ChildJvm jvm = ChildJvm.start(FirstCall.class, List.of())) {
                OptionalInt exit = jvm.awaitExit(Duration.ofSeconds(60));
                assertThat(exit).as("run %d: %s", run, jvm.output()).hasValue(0);
                Matcher answer = jvm.lines().stream()
                        .map(ANSWER::matcher)
                        .filter(Matcher::find)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("run " + run + " printed no answer: " + jvm.output()));
                assertThat(answer.group(1)).isEqualTo("Ada Lovelace");
                millis.add(Long.parseLong(answer.group(2)));
            }
        }
        List<Long> sorted = millis.stream().sorted().toList();
        long median = sorted.get(RUNS / 2);
        log.info(
                "{} fresh JVMs, main to first answer (auto serializer): median {} ms, min {} ms, max {} ms, runs {}",
                RUNS,
                median,
                sorted.get(0),
                sorted.get(RUNS - 1),
                millis);
        // a sanity bound only, far above the figure (about 1-2 s on a 2-core machine)
        assertThat(median).isLessThan(10_000);
    }
}

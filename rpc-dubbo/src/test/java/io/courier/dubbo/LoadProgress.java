package io.courier.dubbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The last {@code PROGRESS} line of a stock Dubbo consumer under load ({@code DubboLoadMain}). */
record LoadProgress(long dubbo, long courier, long failed) {

    private static final Pattern PROGRESS = Pattern.compile("PROGRESS dubbo=(\\d+) courier=(\\d+) failed=(\\d+)");

    /** The answers from each side and the failures so far, in the log {@code logName}. */
    static LoadProgress of(String logName) throws IOException {
        List<String> lines = DubboJvm.lines(logName);
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher matcher = PROGRESS.matcher(lines.get(i));
            if (matcher.find()) {
                return new LoadProgress(
                        Long.parseLong(matcher.group(1)),
                        Long.parseLong(matcher.group(2)),
                        Long.parseLong(matcher.group(3)));
            }
        }
        return new LoadProgress(0, 0, 0);
    }

    /** Waits until the load in {@code logName} has had at least so many answers from each side, none failed. */
    static void awaitAtLeast(String logName, long dubbo, long courier) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    LoadProgress now = of(logName);
                    assertThat(now.failed()).as("failed calls (%s)", now).isZero();
                    assertThat(now.dubbo()).as("answers from Dubbo (%s)", now).isGreaterThanOrEqualTo(dubbo);
                    assertThat(now.courier())
                            .as("answers from Courier (%s)", now)
                            .isGreaterThanOrEqualTo(courier);
                });
    }
}

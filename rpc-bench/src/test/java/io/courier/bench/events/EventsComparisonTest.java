package io.courier.bench.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The events comparison runs end to end on a real embedded broker, tiny; its numbers are not checked, only taken. */
class EventsComparisonTest {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void run_measuresBothSidesOnOneEmbeddedBroker() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<EventsComparison.Round> rounds = EventsComparison.run(
                new EventsComparison.Options(2_000, 1, 1_000, 300, 3),
                new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(rounds).hasSize(1);
        for (EventsComparison.Result result :
                List.of(rounds.get(0).plain(), rounds.get(0).courier())) {
            assertThat(result.publishPerSecond()).isPositive();
            assertThat(result.consumePerSecond()).isPositive();
            assertThat(result.consumeCpuNanos()).isPositive();
            assertThat(result.p50Nanos()).isPositive();
            assertThat(result.p99Nanos()).isGreaterThanOrEqualTo(result.p50Nanos());
        }
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("round 1 plain   publish", "round 1 courier consume", "round 1 courier latency");
        assertThat(EventsComparison.table(rounds)).contains("| 1 | ");
    }

    @Test
    void sides_writeEventsOfTheSameSize() {
        // the plain side's value carries the sequence and the publishing time in its first 16 bytes
        assertThat(EventsComparison.payloadBytes()).isGreaterThan(16);
        assertThat(EventsComparison.envelopeBytes())
                .containsExactly(36, 8, BenchEvent.class.getName().length(), 5, 7);
    }

    @Test
    void options_refuseNonsense() {
        assertThat(EventsComparison.Options.parse(new String[] {"10", "2"}))
                .isEqualTo(new EventsComparison.Options(10, 2, 2000, 10_000, 12));
        assertThatThrownBy(() -> EventsComparison.Options.parse(new String[] {"1"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EVENTS 1");
        assertThatThrownBy(() -> EventsComparison.Options.parse(new String[] {"1", "2", "3", "4", "5", "6"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("usage");
    }
}

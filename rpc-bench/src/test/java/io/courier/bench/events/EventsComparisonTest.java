package io.courier.bench.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.events.core.CloudEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
                new EventsComparison.Options("kafka", 2_000, 1, 1_000, 300, 3),
                new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(rounds).hasSize(1);
        assertThat(rounds.get(0).results()).containsOnlyKeys(EventsComparison.SIDES);
        for (EventsComparison.Result result : rounds.get(0).results().values()) {
            assertThat(result.publishPerSecond()).isPositive();
            assertThat(result.publishCpuNanos()).isPositive();
            assertThat(result.publishNetworkCpuNanos()).isPositive();
            assertThat(result.consumePerSecond()).isPositive();
            assertThat(result.consumeCpuNanos()).isPositive();
            assertThat(result.p50Nanos()).isPositive();
            assertThat(result.p99Nanos()).isGreaterThanOrEqualTo(result.p50Nanos());
        }
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains(
                        "round 1 plain         publish",
                        "round 1 plain-hessian consume",
                        "round 1 courier       latency");
        assertThat(EventsComparison.table(rounds))
                .contains("| 1 | courier | ", "| 1 | plain-hessian | ", "| median | courier | ", "| plain-hessian | ");
    }

    /** The same on NATS JetStream (Debian's nats-server, skipped without it outside CI): the plain jnats sides too. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void run_measuresEverySideOnNatsJetStream() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<EventsComparison.Round> rounds = EventsComparison.run(
                new EventsComparison.Options("nats", 200, 1, 1_000, 50, 2),
                new PrintStream(log, true, StandardCharsets.UTF_8));

        for (EventsComparison.Result result : rounds.get(0).results().values()) {
            assertThat(result.publishPerSecond()).isPositive();
            assertThat(result.consumePerSecond()).isPositive();
            assertThat(result.p99Nanos()).isGreaterThanOrEqualTo(result.p50Nanos());
        }
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains(
                        "nats-server with JetStream", "round 1 plain-hessian consume", "round 1 courier       latency");
    }

    @Test
    void sides_writeEventsOfTheSameSize() {
        // the plain side's value carries the sequence and the publishing time in its first 16 bytes
        assertThat(EventsComparison.payloadBytes()).isGreaterThan(16);
        Map<String, byte[]> headers = CourierHeaders.filler(CloudEvents.Binding.KAFKA);
        assertThat(headers).containsKeys("ce_id", "ce_type", "ce_source", "ce_time", "content-type");
        assertThat(headers.get("ce_id")).hasSize(36);
        assertThat(headers.get("ce_type")).hasSize(BenchEvent.class.getName().length());
        assertThat(CourierHeaders.filler(CloudEvents.Binding.NATS)).containsKey("ce-id");
        assertThat(CourierHeaders.filler(CloudEvents.Binding.AMQP)).containsKey("cloudEvents:id");
    }

    @Test
    void valueFormats_carryTheSequenceAndTheTime() {
        BenchEvent event = new BenchEvent("order-7", "customer-7", 7, 123_456_789L);
        ValueFormat hessian = ValueFormat.hessian();
        assertThat(hessian.read(hessian.write(event))).containsExactly(7, 123_456_789L);
        ValueFormat raw = ValueFormat.raw(40);
        assertThat(raw.write(event)).hasSize(40);
        assertThat(raw.read(raw.write(event))).containsExactly(7, 123_456_789L);
        assertThatThrownBy(() -> ValueFormat.raw(15)).hasMessage("bytes: 15 (expected: >= 16)");
    }

    @Test
    void median_ofOddAndEvenCounts() {
        assertThat(EventsComparison.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(EventsComparison.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void options_refuseNonsense() {
        assertThat(EventsComparison.Options.parse(new String[] {"10", "2"}))
                .isEqualTo(new EventsComparison.Options("kafka", 10, 2, 2000, 10_000, 12));
        assertThat(EventsComparison.Options.parse(new String[0]).events()).isEqualTo(2_000_000);
        assertThat(EventsComparison.Options.parse(new String[] {"rabbitmq", "500"}))
                .isEqualTo(new EventsComparison.Options("rabbitmq", 500, 1, 100, 300, 12));
        assertThatThrownBy(() -> EventsComparison.Options.parse(new String[] {"redis"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BROKER redis");
        assertThatThrownBy(() -> EventsComparison.Options.parse(new String[] {"1"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EVENTS 1");
        assertThatThrownBy(() -> EventsComparison.Options.parse(new String[] {"1", "2", "3", "4", "5", "6"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("usage");
    }
}

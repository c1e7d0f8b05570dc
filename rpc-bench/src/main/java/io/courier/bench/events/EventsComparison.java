package io.courier.bench.events;

import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.Serializer;
import io.courier.bench.harness.HostReport;
import io.courier.events.kafka.embedded.EmbeddedKafka;
import io.courier.spi.ExtensionLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Courier's events against plain kafka-clients on one embedded Kafka broker (in this JVM), in one run: round after
 * round, each side publishes {@code EVENTS} events as fast as it can (acknowledged per second), consumes them in a new
 * group (handled per second from the first to the last), and publishes {@code LATENCY_EVENTS} at {@code
 * LATENCY_RATE} per second to a subscribed group (time from the publish call to the handler: p50, p99). The two
 * sides alternate which goes first from round to round. Prints a line per measurement and a table of every round
 * with Courier's ratio to plain (throughput: Courier/plain, higher is better; latency: plain/Courier, higher is
 * better, so 0.9 on every column is the target of issue 41).
 *
 * <pre>
 * EventsComparison [EVENTS=200000] [ROUNDS=4] [LATENCY_RATE=2000] [LATENCY_EVENTS=10000] [PARTITIONS=12]
 * </pre>
 */
public final class EventsComparison {

    private EventsComparison() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        HostReport.Snapshot start = HostReport.Snapshot.take();
        List<Round> rounds = run(options, out);
        out.println();
        out.print(table(rounds));
        out.println(HostReport.report(start, HostReport.Snapshot.take()));
    }

    /** What one run does. */
    record Options(int events, int rounds, int latencyRate, int latencyEvents, int partitions) {
        Options {
            if (events < 2 || rounds < 1 || latencyRate < 1 || latencyEvents < 1 || partitions < 1) {
                throw new IllegalArgumentException("EVENTS " + events + ", ROUNDS " + rounds + ", LATENCY_RATE "
                        + latencyRate + ", LATENCY_EVENTS " + latencyEvents + ", PARTITIONS " + partitions
                        + " (expected: EVENTS >= 2, the others >= 1)");
            }
        }

        static Options parse(String[] args) {
            int[] values = {200_000, 4, 2000, 10_000, 12};
            if (args.length > values.length) {
                throw new IllegalArgumentException("usage: EventsComparison [EVENTS] [ROUNDS] [LATENCY_RATE]"
                        + " [LATENCY_EVENTS] [PARTITIONS], got " + Arrays.toString(args));
            }
            for (int i = 0; i < args.length; i++) {
                values[i] = Integer.parseInt(args[i]);
            }
            return new Options(values[0], values[1], values[2], values[3], values[4]);
        }
    }

    /** One side's numbers in one round. */
    record Result(
            double publishPerSecond,
            double consumePerSecond,
            double consumeCpuNanos,
            long joinMillis,
            long p50Nanos,
            long p99Nanos) {}

    /** One round: both sides' results. */
    record Round(int number, Result plain, Result courier) {}

    /** Runs {@code options.rounds()} rounds on a new embedded broker, printing each measurement to {@code out}. */
    static List<Round> run(Options options, PrintStream out) throws Exception {
        List<Round> rounds = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                CourierSide courier = new CourierSide(kafka.bootstrapServers(), options.partitions());
                PlainKafkaSide plain =
                        new PlainKafkaSide(kafka.bootstrapServers(), payloadBytes(), envelopeBytes(), courier)) {
            out.printf(
                    "embedded Kafka on %s; %d events of %d payload bytes per side and round, latency at %d/s x %d%n",
                    kafka.bootstrapServers(),
                    options.events(),
                    payloadBytes(),
                    options.latencyRate(),
                    options.latencyEvents());
            for (int round = 1; round <= options.rounds(); round++) {
                List<EventSide> order = round % 2 == 1 ? List.of(plain, courier) : List.of(courier, plain);
                Result[] results = new Result[2];
                double[] publish = new double[2];
                Measure.Consumed[] consumed = new Measure.Consumed[2];
                long[][] latencies = new long[2][];
                for (EventSide side : order) {
                    side.prepare(topic(side, "events", round));
                    side.prepare(topic(side, "latency", round));
                }
                for (EventSide side : order) {
                    int i = side == plain ? 0 : 1;
                    publish[i] = Measure.publish(side, topic(side, "events", round), options.events());
                    out.printf("round %d %-7s publish  %,10.0f events/s%n", round, side.name(), publish[i]);
                }
                for (EventSide side : order) {
                    int i = side == plain ? 0 : 1;
                    String topic = topic(side, "events", round);
                    consumed[i] = Measure.consume(side, topic, topic + "-group", options.events());
                    out.printf(
                            "round %d %-7s consume  %,10.0f events/s, %.2f us CPU/event (first event %d ms after subscribing)%n",
                            round,
                            side.name(),
                            consumed[i].perSecond(),
                            consumed[i].cpuNanosPerEvent() / 1e3,
                            consumed[i].joinMillis());
                }
                for (EventSide side : order) {
                    int i = side == plain ? 0 : 1;
                    String topic = topic(side, "latency", round);
                    latencies[i] = Measure.endToEnd(
                            side, topic, topic + "-group", options.latencyEvents(), options.latencyRate());
                    out.printf(
                            "round %d %-7s latency  p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                            round,
                            side.name(),
                            Measure.quantile(latencies[i], 0.5) / 1e6,
                            Measure.quantile(latencies[i], 0.99) / 1e6,
                            latencies[i][latencies[i].length - 1] / 1e6);
                }
                for (int i = 0; i < 2; i++) {
                    results[i] = new Result(
                            publish[i],
                            consumed[i].perSecond(),
                            consumed[i].cpuNanosPerEvent(),
                            consumed[i].joinMillis(),
                            Measure.quantile(latencies[i], 0.5),
                            Measure.quantile(latencies[i], 0.99));
                }
                rounds.add(new Round(round, results[0], results[1]));
            }
        }
        return rounds;
    }

    private static String topic(EventSide side, String what, int round) {
        return "bench-" + side.name() + "-" + what + "-" + round;
    }

    /** The table of every round: both sides and Courier's ratio to plain, 1.0 being as good as plain. */
    static String table(List<Round> rounds) {
        StringBuilder table = new StringBuilder();
        table.append(
                "| round | publish/s plain | publish/s Courier | ratio | consume/s plain | consume/s Courier"
                        + " | ratio | consume CPU us/event plain | Courier | p50 ms plain | p50 ms Courier | p99 ms plain | p99 ms Courier | ratio (plain/Courier p99) |\n");
        table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Round round : rounds) {
            Result p = round.plain();
            Result c = round.courier();
            table.append(String.format(
                    "| %d | %,.0f | %,.0f | %.2fx | %,.0f | %,.0f | %.2fx | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2fx |%n",
                    round.number(),
                    p.publishPerSecond(),
                    c.publishPerSecond(),
                    c.publishPerSecond() / p.publishPerSecond(),
                    p.consumePerSecond(),
                    c.consumePerSecond(),
                    c.consumePerSecond() / p.consumePerSecond(),
                    p.consumeCpuNanos() / 1e3,
                    c.consumeCpuNanos() / 1e3,
                    p.p50Nanos() / 1e6,
                    c.p50Nanos() / 1e6,
                    p.p99Nanos() / 1e6,
                    c.p99Nanos() / 1e6,
                    (double) p.p99Nanos() / c.p99Nanos()));
        }
        return table.toString();
    }

    /** The bytes of a {@link BenchEvent} as Courier's default serializer (hessian) writes it. */
    static int payloadBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Serializer.ValueWriter writer =
                    ExtensionLoader.of(Serializer.class).get("hessian").writer(ByteSink.of(out));
            writer.write(BenchEvent.of(123_456), BenchEvent.class);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }

    /** The lengths of Courier's envelope headers: id (a UUID), time, type, source ("bench"), serializer. */
    static int[] envelopeBytes() {
        return new int[] {36, 8, BenchEvent.class.getName().length(), "bench".length(), "hessian".length()};
    }
}

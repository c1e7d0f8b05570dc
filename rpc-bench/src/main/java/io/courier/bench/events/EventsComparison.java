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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Courier's events against plain kafka-clients on one embedded Kafka broker (in this JVM), in one run. Three sides:
 * {@code plain} (kafka-clients with values of the payload's size that nothing decodes, the floor), {@code
 * plain-hessian} (kafka-clients with the event written and read by Courier's hessian serializer called by hand) and
 * {@code courier} (Courier's events). Round after round, each side publishes {@code EVENTS} events as fast as it can (acknowledged per second), consumes them in a new
 * group (handled per second from the first to the last), and publishes {@code LATENCY_EVENTS} at {@code
 * LATENCY_RATE} per second to a subscribed group (time from the publish call to the handler: p50, p99); each round
 * starts with another side. Prints a line per measurement and the tables of {@link #table}.
 *
 * <pre>
 * EventsComparison [EVENTS=2000000] [ROUNDS=4] [LATENCY_RATE=2000] [LATENCY_EVENTS=10000] [PARTITIONS=12]
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
            int[] values = {2_000_000, 4, 2000, 10_000, 12};
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
            double publishCpuNanos,
            double publishNetworkCpuNanos,
            double consumePerSecond,
            double consumeCpuNanos,
            long joinMillis,
            long p50Nanos,
            long p99Nanos) {}

    /** One round: each side's results, by side name. */
    record Round(int number, Map<String, Result> results) {
        Round {
            results = Map.copyOf(results);
        }
    }

    /** The sides in the order of the first round: the floor, plain with Courier's serializer by hand, Courier. */
    static final List<String> SIDES = List.of("plain", "plain-hessian", "courier");

    /** Runs {@code options.rounds()} rounds on a new embedded broker, printing each measurement to {@code out}. */
    static List<Round> run(Options options, PrintStream out) throws Exception {
        List<Round> rounds = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                CourierSide courier = new CourierSide(kafka.bootstrapServers(), options.partitions());
                PlainKafkaSide plain = new PlainKafkaSide(
                        SIDES.get(0),
                        kafka.bootstrapServers(),
                        ValueFormat.raw(payloadBytes()),
                        envelopeBytes(),
                        courier);
                PlainKafkaSide plainHessian = new PlainKafkaSide(
                        SIDES.get(1), kafka.bootstrapServers(), ValueFormat.hessian(), envelopeBytes(), courier)) {
            out.printf(
                    "embedded Kafka on %s; %d events of %d payload bytes per side and round, latency at %d/s x %d%n",
                    kafka.bootstrapServers(),
                    options.events(),
                    payloadBytes(),
                    options.latencyRate(),
                    options.latencyEvents());
            List<EventSide> sides = List.of(plain, plainHessian, courier);
            for (int round = 1; round <= options.rounds(); round++) {
                // each round starts with another side, so none is always first or last
                List<EventSide> order = new ArrayList<>(sides);
                Collections.rotate(order, -(round - 1));
                rounds.add(round(options, round, order, out));
            }
        }
        return rounds;
    }

    private static Round round(Options options, int round, List<EventSide> order, PrintStream out) throws Exception {
        Map<String, Measure.Published> publish = new HashMap<>();
        Map<String, Measure.Consumed> consumed = new HashMap<>();
        Map<String, long[]> latencies = new HashMap<>();
        for (EventSide side : order) {
            side.prepare(topic(side, "events", round));
            side.prepare(topic(side, "latency", round));
        }
        for (EventSide side : order) {
            Measure.Published p = Measure.publish(side, topic(side, "events", round), options.events());
            publish.put(side.name(), p);
            out.printf(
                    "round %d %-13s publish  %,10.0f events/s in %.1f s, CPU us/event: publishing thread %.2f,"
                            + " producer network thread %.2f%n",
                    round,
                    side.name(),
                    p.perSecond(),
                    p.seconds(),
                    p.cpuNanosPerEvent() / 1e3,
                    p.networkCpuNanosPerEvent() / 1e3);
        }
        for (EventSide side : order) {
            String topic = topic(side, "events", round);
            Measure.Consumed c = Measure.consume(side, topic, topic + "-group", options.events());
            consumed.put(side.name(), c);
            out.printf(
                    "round %d %-13s consume  %,10.0f events/s, %.2f us CPU/event (first event %d ms after subscribing)%n",
                    round, side.name(), c.perSecond(), c.cpuNanosPerEvent() / 1e3, c.joinMillis());
        }
        for (EventSide side : order) {
            String topic = topic(side, "latency", round);
            long[] sorted =
                    Measure.endToEnd(side, topic, topic + "-group", options.latencyEvents(), options.latencyRate());
            latencies.put(side.name(), sorted);
            out.printf(
                    "round %d %-13s latency  p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    round,
                    side.name(),
                    Measure.quantile(sorted, 0.5) / 1e6,
                    Measure.quantile(sorted, 0.99) / 1e6,
                    sorted[sorted.length - 1] / 1e6);
        }
        Map<String, Result> results = new HashMap<>();
        for (EventSide side : order) {
            String name = side.name();
            results.put(
                    name,
                    new Result(
                            publish.get(name).perSecond(),
                            publish.get(name).cpuNanosPerEvent(),
                            publish.get(name).networkCpuNanosPerEvent(),
                            consumed.get(name).perSecond(),
                            consumed.get(name).cpuNanosPerEvent(),
                            consumed.get(name).joinMillis(),
                            Measure.quantile(latencies.get(name), 0.5),
                            Measure.quantile(latencies.get(name), 0.99)));
        }
        return new Round(round, results);
    }

    private static String topic(EventSide side, String what, int round) {
        return "bench-" + side.name() + "-" + what + "-" + round;
    }

    /**
     * Three tables: every side's numbers in every round with each side's medians over the rounds; then Courier's
     * ratios to each plain side by round, with their medians (throughput: Courier/plain; p99: plain/Courier; so above
     * 1 is Courier better, and 0.9 is the target of issue 41); then Courier's CPU per event against each plain
     * side's, by thread, medians over the rounds (below 1 is Courier cheaper).
     */
    static String table(List<Round> rounds) {
        StringBuilder table = new StringBuilder();
        table.append("| round | side | publish/s | publish CPU us/event: publishing thread | producer network thread"
                + " | consume/s | consume CPU us/event | p50 ms | p99 ms |\n");
        table.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Round round : rounds) {
            for (String side : SIDES) {
                row(
                        table,
                        Integer.toString(round.number()),
                        side,
                        round.results().get(side));
            }
        }
        for (String side : SIDES) {
            row(table, "median", side, median(rounds, side));
        }
        table.append("\n| round | against | publish | consume | p99 (plain/Courier) |\n");
        table.append("|---|---|---:|---:|---:|\n");
        for (Round round : rounds) {
            Result c = round.results().get("courier");
            for (String side : SIDES.subList(0, 2)) {
                double[] r = ratios(c, round.results().get(side));
                table.append(
                        String.format("| %d | %s | %.2fx | %.2fx | %.2fx |%n", round.number(), side, r[0], r[1], r[2]));
            }
        }
        for (String side : SIDES.subList(0, 2)) {
            double[][] byRound = new double[3][rounds.size()];
            for (int i = 0; i < rounds.size(); i++) {
                double[] r = ratios(
                        rounds.get(i).results().get("courier"),
                        rounds.get(i).results().get(side));
                for (int k = 0; k < 3; k++) {
                    byRound[k][i] = r[k];
                }
            }
            table.append(String.format(
                    "| median | %s | %.2fx | %.2fx | %.2fx |%n",
                    side, median(byRound[0]), median(byRound[1]), median(byRound[2])));
        }
        table.append("\n| CPU per event, Courier/side (medians) | publishing thread | producer network thread"
                + " | both publish threads | consuming thread |\n");
        table.append("|---|---:|---:|---:|---:|\n");
        Result c = median(rounds, "courier");
        for (String side : SIDES.subList(0, 2)) {
            Result p = median(rounds, side);
            table.append(String.format(
                    "| %s | %.2fx | %.2fx | %.2fx | %.2fx |%n",
                    side,
                    c.publishCpuNanos() / p.publishCpuNanos(),
                    c.publishNetworkCpuNanos() / p.publishNetworkCpuNanos(),
                    (c.publishCpuNanos() + c.publishNetworkCpuNanos())
                            / (p.publishCpuNanos() + p.publishNetworkCpuNanos()),
                    c.consumeCpuNanos() / p.consumeCpuNanos()));
        }
        return table.toString();
    }

    private static void row(StringBuilder table, String round, String side, Result r) {
        table.append(String.format(
                "| %s | %s | %,.0f | %.2f | %.2f | %,.0f | %.2f | %.2f | %.2f |%n",
                round,
                side,
                r.publishPerSecond(),
                r.publishCpuNanos() / 1e3,
                r.publishNetworkCpuNanos() / 1e3,
                r.consumePerSecond(),
                r.consumeCpuNanos() / 1e3,
                r.p50Nanos() / 1e6,
                r.p99Nanos() / 1e6));
    }

    /** Courier's publish and consume rates over {@code plain}'s, and plain's p99 over Courier's. */
    private static double[] ratios(Result courier, Result plain) {
        return new double[] {
            courier.publishPerSecond() / plain.publishPerSecond(),
            courier.consumePerSecond() / plain.consumePerSecond(),
            (double) plain.p99Nanos() / courier.p99Nanos()
        };
    }

    /** Each of {@code side}'s figures, the median over the rounds (join time: not a figure of the tables, 0). */
    static Result median(List<Round> rounds, String side) {
        double[][] figures = new double[7][rounds.size()];
        for (int i = 0; i < rounds.size(); i++) {
            Result r = rounds.get(i).results().get(side);
            double[] row = {
                r.publishPerSecond(),
                r.publishCpuNanos(),
                r.publishNetworkCpuNanos(),
                r.consumePerSecond(),
                r.consumeCpuNanos(),
                r.p50Nanos(),
                r.p99Nanos()
            };
            for (int k = 0; k < row.length; k++) {
                figures[k][i] = row[k];
            }
        }
        return new Result(
                median(figures[0]),
                median(figures[1]),
                median(figures[2]),
                median(figures[3]),
                median(figures[4]),
                0,
                (long) median(figures[5]),
                (long) median(figures[6]));
    }

    /** The median of {@code values} (the mean of the middle two of an even count). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
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

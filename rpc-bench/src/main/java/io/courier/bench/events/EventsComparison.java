package io.courier.bench.events;

import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.Serializer;
import io.courier.bench.harness.HostReport;
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
 * Courier's events against the broker's own Java client on one broker, in one run ({@link BrokerRun}): Kafka (the
 * embedded broker, in this JVM), NATS JetStream or RabbitMQ (Debian's servers). Three sides: {@code plain} (the
 * broker's client with values of the payload's size that nothing decodes, the floor), {@code plain-hessian} (the
 * same client with the event written and read by Courier's hessian serializer called by hand) and {@code courier}
 * (Courier's events). The plain sides do by hand what Courier's broker does: the same acknowledgements (Kafka:
 * acks=all, commit after handling; JetStream: publish acknowledged, pull consumers with explicit ack; RabbitMQ:
 * publisher confirms, manual ack), the same topology and the same headers. Round after round, each side publishes
 * {@code EVENTS} events as fast as it can (acknowledged per second), consumes them in a new group (handled per second
 * from the first to the last), and publishes {@code LATENCY_EVENTS} at {@code LATENCY_RATE} per second to a
 * subscribed group (time from the publish call to the handler: p50, p99); each round starts with another side.
 * Before the first round, each side publishes and consumes a quarter of {@code EVENTS} (at most {@value
 * #WARM_UP_EVENTS}), unmeasured. Prints a line per measurement and the tables of {@link #table}.
 *
 * <pre>
 * EventsComparison [BROKER=kafka] [EVENTS] [ROUNDS] [LATENCY_RATE] [LATENCY_EVENTS] [PARTITIONS=12]
 * </pre>
 *
 * The defaults of the counts are the broker's ({@link Options#parse}).
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
    record Options(String broker, int events, int rounds, int latencyRate, int latencyEvents, int partitions) {
        Options {
            if (!BrokerRun.BROKERS.contains(broker)) {
                throw new IllegalArgumentException(
                        "BROKER " + broker + " (expected: one of " + BrokerRun.BROKERS + ")");
            }
            if (events < 2 || rounds < 1 || latencyRate < 1 || latencyEvents < 1 || partitions < 1) {
                throw new IllegalArgumentException("EVENTS " + events + ", ROUNDS " + rounds + ", LATENCY_RATE "
                        + latencyRate + ", LATENCY_EVENTS " + latencyEvents + ", PARTITIONS " + partitions
                        + " (expected: EVENTS >= 2, the others >= 1)");
            }
        }

        /**
         * The broker (kafka when the first argument is a number), then the counts, each defaulting to the broker's:
         * Kafka 2,000,000 events in 4 rounds, latency 2,000/s x 10,000 (about 8 minutes); NATS 20,000 events in 1
         * round, latency 1,000/s x 3,000; RabbitMQ 1,000 events in 1 round, latency 100/s x 300 (a group's consumer
         * holds one event at a time, and each acknowledgement on a quorum queue is a replicated, synced write: a few
         * hundred events per second). NATS and RabbitMQ: about half a minute each.
         */
        static Options parse(String[] args) {
            int first = args.length > 0 && !args[0].matches("\\d+") ? 1 : 0;
            String broker = first == 1 ? args[0] : "kafka";
            int[] values =
                    switch (broker) {
                        case "nats" -> new int[] {20_000, 1, 1000, 3_000, 12};
                        case "rabbitmq" -> new int[] {1_000, 1, 100, 300, 12};
                        default -> new int[] {2_000_000, 4, 2000, 10_000, 12};
                    };
            if (args.length - first > values.length) {
                throw new IllegalArgumentException("usage: EventsComparison [BROKER] [EVENTS] [ROUNDS] [LATENCY_RATE]"
                        + " [LATENCY_EVENTS] [PARTITIONS], got " + Arrays.toString(args));
            }
            for (int i = first; i < args.length; i++) {
                values[i - first] = Integer.parseInt(args[i]);
            }
            return new Options(broker, values[0], values[1], values[2], values[3], values[4]);
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

    /** Runs {@code options.rounds()} rounds on a new broker, printing each measurement to {@code out}. */
    static List<Round> run(Options options, PrintStream out) throws Exception {
        List<Round> rounds = new ArrayList<>();
        try (BrokerRun broker = BrokerRun.start(options.broker(), options.partitions())) {
            out.printf(
                    "%s; %d events of %d payload bytes per side and round, latency at %d/s x %d%n",
                    broker.description(),
                    options.events(),
                    payloadBytes(),
                    options.latencyRate(),
                    options.latencyEvents());
            List<EventSide> sides = broker.sides();
            warmUp(sides, Math.min(options.events() / 4 + 1, WARM_UP_EVENTS), out);
            for (int round = 1; round <= options.rounds(); round++) {
                // each round starts with another side, so none is always first or last
                List<EventSide> order = new ArrayList<>(sides);
                Collections.rotate(order, -(round - 1));
                rounds.add(round(options, round, order, out));
            }
        }
        return rounds;
    }

    /** The most events each side publishes and consumes before the rounds, unmeasured. */
    static final int WARM_UP_EVENTS = 20_000;

    /**
     * Each side publishes and consumes {@code events} events on a topic of its own before anything is measured, so that
     * no side's figures carry the compilation of its code paths (the first side's would otherwise, in a one-round run).
     */
    private static void warmUp(List<EventSide> sides, int events, PrintStream out) throws Exception {
        for (EventSide side : sides) {
            String topic = topic(side, "warm-up", 0);
            side.prepare(topic, group(topic));
            Measure.publish(side, topic, events);
            Measure.consume(side, topic, group(topic), events);
        }
        out.printf("warm-up: %d events published and consumed per side%n", events);
    }

    private static Round round(Options options, int round, List<EventSide> order, PrintStream out) throws Exception {
        Map<String, Measure.Published> publish = new HashMap<>();
        Map<String, Measure.Consumed> consumed = new HashMap<>();
        Map<String, long[]> latencies = new HashMap<>();
        for (EventSide side : order) {
            for (String what : List.of("events", "latency")) {
                String topic = topic(side, what, round);
                side.prepare(topic, group(topic));
            }
        }
        for (EventSide side : order) {
            Measure.Published p = Measure.publish(side, topic(side, "events", round), options.events());
            publish.put(side.name(), p);
            out.printf(
                    "round %d %-13s publish  %,10.0f events/s in %.1f s, CPU us/event: publishing thread %.2f,"
                            + " client's other threads %.2f%n",
                    round,
                    side.name(),
                    p.perSecond(),
                    p.seconds(),
                    p.cpuNanosPerEvent() / 1e3,
                    p.networkCpuNanosPerEvent() / 1e3);
        }
        for (EventSide side : order) {
            String topic = topic(side, "events", round);
            Measure.Consumed c = Measure.consume(side, topic, group(topic), options.events());
            consumed.put(side.name(), c);
            out.printf(
                    "round %d %-13s consume  %,10.0f events/s, %.2f us CPU/event (first event %d ms after subscribing)%n",
                    round, side.name(), c.perSecond(), c.cpuNanosPerEvent() / 1e3, c.joinMillis());
        }
        for (EventSide side : order) {
            String topic = topic(side, "latency", round);
            long[] sorted = Measure.endToEnd(side, topic, group(topic), options.latencyEvents(), options.latencyRate());
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

    /** The group that consumes {@code topic}: one per topic, each new. */
    private static String group(String topic) {
        return topic + "-group";
    }

    /**
     * Three tables: every side's numbers in every round with each side's medians over the rounds; then Courier's
     * ratios to each plain side by round, with their medians (throughput: Courier/plain; p99: plain/Courier; so above
     * 1 is Courier better, and 0.9 is the target of issue 41); then Courier's CPU per event against each plain
     * side's, by thread, medians over the rounds (below 1 is Courier cheaper).
     */
    static String table(List<Round> rounds) {
        StringBuilder table = new StringBuilder();
        table.append("| round | side | publish/s | publish CPU us/event: publishing thread | client's other threads"
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
        table.append("\n| CPU per event, Courier/side (medians) | publishing thread | client's other threads"
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
}

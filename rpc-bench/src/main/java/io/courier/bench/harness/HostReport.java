package io.courier.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Which processor a comparison ran on and how much CPU time the virtual machine's host took from it meanwhile, printed
 * under the table. Why: the ratios against Dubbo moved by half between two hosts of the same machine type (Dubbo loses
 * much less to raw Netty on one than on the other), and runs during which the host took CPU time (the {@code steal}
 * column of {@code /proc/stat}) slowed each system by a different amount, since the systems run one after another.
 * Both were found afterwards, by hand, more than once; a run now says so itself.
 *
 * <p>Linux only; elsewhere the report says what it could not read. Steal is counted in the kernel's {@code USER_HZ}
 * ticks, 100 per second on every Linux architecture JMH runs on.
 */
public final class HostReport {

    /** Steal above this share of the run's CPU time (elapsed time times processors) makes the run "not quiet". */
    static final double QUIET_STEAL_SHARE = 0.01;

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    private static final Path STAT = Path.of("/proc/stat");
    /** {@code USER_HZ}: the unit of {@code /proc/stat}'s times. */
    private static final double TICKS_PER_SECOND = 100;

    /** What is read at the start of a run and again at its end. */
    public record Snapshot(OptionalLong stealTicks, long nanoTime) {

        /** The host's counters now. */
        public static Snapshot take() {
            return new Snapshot(HostReport.stealTicks(read(STAT)), System.nanoTime());
        }
    }

    private HostReport() {}

    /** The lines printed under the table, for a run between {@code start} and {@code end}. */
    public static String report(Snapshot start, Snapshot end) {
        int cpus = Runtime.getRuntime().availableProcessors();
        return "Host: " + processor(read(CPUINFO)) + ", " + cpus + " CPUs. " + steal(start, end, cpus) + "\n";
    }

    /**
     * The first processor of {@code /proc/cpuinfo}: model name, family and model ({@code lscpu}'s "CPU family" and
     * "Model"), which tell two hosts apart when the model name is only the vendor's family name.
     */
    static String processor(String cpuinfo) {
        if (cpuinfo == null) {
            return "processor unknown (no /proc/cpuinfo)";
        }
        String name = null;
        String family = null;
        String model = null;
        for (String line : cpuinfo.split("\n")) {
            if (line.isBlank()) {
                break; // the end of the first processor's block
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "model name" -> name = value;
                case "cpu family" -> family = value;
                case "model" -> model = value;
                default -> {
                    // other fields say nothing about which host this is
                }
            }
        }
        String described = name != null ? name : "processor unknown";
        if (family != null && model != null) {
            described += " (family " + family + ", model " + model + ")";
        }
        return described;
    }

    /** The eighth value of the {@code cpu} line of {@code /proc/stat}: CPU time the host took, in ticks. */
    static OptionalLong stealTicks(String stat) {
        if (stat == null || !stat.startsWith("cpu ")) {
            return OptionalLong.empty();
        }
        int end = stat.indexOf('\n');
        String[] fields =
                stat.substring(0, end < 0 ? stat.length() : end).trim().split("\\s+");
        if (fields.length < 9) {
            return OptionalLong.empty(); // kernels before 2.6.11 had no steal column
        }
        try {
            return OptionalLong.of(Long.parseLong(fields[8]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** How much CPU time the host took between the two snapshots, and whether that leaves the run quiet. */
    static String steal(Snapshot start, Snapshot end, int cpus) {
        if (start.stealTicks().isEmpty() || end.stealTicks().isEmpty()) {
            return "CPU time taken by the host: unknown (no steal column in /proc/stat).";
        }
        double stolenSeconds =
                (end.stealTicks().getAsLong() - start.stealTicks().getAsLong()) / TICKS_PER_SECOND;
        double runSeconds = Math.max(1e-9, (end.nanoTime() - start.nanoTime()) / 1e9);
        double share = stolenSeconds / (runSeconds * cpus);
        String measured = String.format(
                Locale.ROOT,
                "The host took %.1f s of CPU time from this machine during the %.1f min run (%.2f %% of its CPU"
                        + " time, /proc/stat steal)",
                stolenSeconds,
                runSeconds / 60,
                share * 100);
        return share > QUIET_STEAL_SHARE
                ? measured + ": NOT QUIET. The systems ran one after another, so each lost a different share;"
                        + " their ratios say little."
                : measured + ": quiet.";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return null;
        }
    }
}

package io.courier.bench;

import io.courier.bench.harness.CpuPerCall;
import io.courier.bench.harness.HostReport;
import io.courier.bench.harness.RpcSystem;
import io.courier.bench.harness.ServerProcess;
import io.courier.bench.micro.SerializedSizes;
import io.courier.bench.report.ComparisonTable;
import io.courier.bench.rpc.RpcBenchmark;
import io.courier.bench.rpc.StreamBenchmark;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole comparison in one command: runs each call of {@link RpcBenchmark} once per system, call by call with the
 * systems in turn, each in a JMH JVM whose classpath suits that system ({@link RpcSystem#classpath}), with {@code
 * -prof gc} and a JSON result file per system and call ({@code rpc-SYSTEM-CALL.json}), then
 * prints the {@link ComparisonTable} and, under it, the {@link HostReport} (which processor, how much CPU time the
 * host took during the run).
 *
 * <pre>
 * Comparison [--systems raw,dubbo,...] [--quick] [--results DIR] [-- JMH options...]
 * Comparison --micro [--results DIR] [-- JMH options...]
 * Comparison --stream [--results DIR] [-- JMH options...]
 * Comparison --cpu SYSTEM CALL [THREADS SECONDS_PER_ROUND ROUNDS]
 * </pre>
 *
 * {@code --quick} shortens warm-up and measurement to a smoke run of a few minutes whose numbers are only good for
 * checking that everything works. {@code --micro} runs the micro benchmarks instead ({@code io.courier.bench.micro},
 * Courier's classpath, {@code -prof gc}, {@code micro.json}); JMH prints their table, then {@link SerializedSizes}
 * the bytes each serializer writes. {@code --stream} runs {@link StreamBenchmark} (a gRPC server stream of users:
 * streams, users and payload bytes per second) on gRPC's classpath into {@code stream.json}. {@code --cpu} runs
 * {@link CpuPerCall} on the system's classpath. Every process this starts is stopped before it returns, on failure
 * and on Ctrl-C too: the JMH JVM and, through it, its forks and their servers.
 */
public final class Comparison {

    private static final Logger log = LoggerFactory.getLogger(Comparison.class);

    /** Smoke settings: enough to see every path work, not to compare. */
    static final List<String> QUICK = List.of("-wi", "1", "-w", "2s", "-i", "2", "-r", "2s");

    /** The micro benchmarks; they run on the classpath without Dubbo, which is Courier's. */
    static final String MICRO_BENCHMARKS = "io\\.courier\\.bench\\.micro\\.";

    private static final AtomicReference<Process> running = new AtomicReference<>();

    private Comparison() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length > 1 && args[0].equals("--cpu")) {
            // CpuPerCall's client must run on its system's classpath too
            List<String> arguments = new ArrayList<>(List.of(CpuPerCall.class.getName()));
            arguments.addAll(Arrays.asList(args).subList(1, args.length));
            System.exit(runJava(RpcSystem.of(args[1]), arguments));
        }
        Options options = Options.parse(args);
        Runtime.getRuntime().addShutdownHook(new Thread(Comparison::stopRunning, "comparison-stopper"));
        Files.createDirectories(options.results());
        if (options.micro()) {
            Path file = options.results().resolve("micro.json");
            Files.deleteIfExists(file);
            int exit = runJmh(RpcSystem.RAW, MICRO_BENCHMARKS, List.of(), file, options.jmhOptions());
            if (exit == 0) {
                exit = runJava(RpcSystem.RAW, List.of(SerializedSizes.class.getName()));
            }
            System.exit(exit);
        }
        if (options.stream()) {
            Path file = options.results().resolve("stream.json");
            Files.deleteIfExists(file);
            System.exit(runJmh(
                    RpcSystem.GRPC,
                    StreamBenchmark.class.getName().replace(".", "\\.") + "\\.",
                    List.of(),
                    file,
                    options.jmhOptions()));
        }
        deleteResults(options.results());
        List<Path> files = new ArrayList<>();
        HostReport.Snapshot start = HostReport.Snapshot.take();
        // Call by call, every system in turn: the two figures of a ratio are taken within a minute of each other,
        // not a whole system's run apart, while the host's speed drifts (see HostReport).
        for (String call : ComparisonTable.CALLS) {
            for (RpcSystem system : options.systems()) {
                Path file = options.results().resolve("rpc-" + system.id() + "-" + call + ".json");
                int exit = runJmh(
                        system,
                        RpcBenchmark.class.getName().replace(".", "\\.") + "\\." + call + "$",
                        List.of("-p", "system=" + system.id()),
                        file,
                        options.jmhOptions());
                if (exit != 0) {
                    log.error(
                            "JMH for {} {} exited with {}; the table shows what was measured so far",
                            system.id(),
                            call,
                            exit);
                    print(files, start);
                    System.exit(exit);
                }
                files.add(file);
            }
        }
        print(files, start);
    }

    /** Removes the result files of an earlier comparison, so that the directory holds this run's alone. */
    private static void deleteResults(Path results) throws IOException {
        try (var old = Files.newDirectoryStream(results, "rpc-*.json")) {
            for (Path file : old) {
                Files.delete(file);
            }
        }
    }

    /** The table of the systems measured so far, and under it the host and how quiet it was since {@code start}. */
    private static void print(List<Path> files, HostReport.Snapshot start) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        // the table is this program's output, not a log message
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println();
        out.print(ComparisonTable.renderFiles(files));
        out.println();
        out.print(HostReport.report(start, HostReport.Snapshot.take()));
    }

    /**
     * Runs JMH in a child JVM on {@code system}'s classpath and waits for it.
     *
     * @return JMH's exit code
     */
    private static int runJmh(
            RpcSystem system, String include, List<String> params, Path resultFile, List<String> jmhOptions)
            throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("org.openjdk.jmh.Main", include));
        arguments.addAll(params);
        arguments.addAll(List.of("-prof", "gc", "-rf", "json", "-rff", resultFile.toString()));
        arguments.addAll(jmhOptions);
        return runJava(system, arguments);
    }

    /**
     * Runs {@code arguments} (a main class and its arguments) in a child JVM on {@code system}'s classpath, its output
     * going to this JVM's, and waits for it.
     *
     * @return its exit code
     */
    private static int runJava(RpcSystem system, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(system.clientClasspath(System.getProperty("java.class.path")));
        // the server JVMs pick their own class path from the whole one (ServerProcess), which JMH's forks inherit
        command.add("-D" + ServerProcess.FULL_CLASSPATH + "=" + ServerProcess.fullClasspath());
        // bench.* settings (server JVM options, JFR) given to this JVM hold for the child too
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("bench."))
                .sorted()
                .forEach(name -> command.add(1, "-D" + name + "=" + System.getProperty(name)));
        command.addAll(arguments);
        log.info("running: java {}", String.join(" ", arguments));
        Process child = new ProcessBuilder(command).inheritIO().start();
        running.set(child);
        try {
            return child.waitFor();
        } finally {
            running.set(null);
            stop(child);
        }
    }

    private static void stopRunning() {
        Process child = running.get();
        if (child != null) {
            stop(child);
        }
    }

    /**
     * Stops a child JVM and everything it started, by process id: JMH's forks exit when their host goes, and the
     * servers when their fork goes, but a kill signal reaching only this JVM must not leave them running.
     */
    private static void stop(Process child) {
        List<ProcessHandle> tree = new ArrayList<>(child.descendants().toList());
        tree.add(child.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : tree) {
            try {
                process.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }
    }

    /** The parsed command line. */
    record Options(List<RpcSystem> systems, boolean micro, boolean stream, Path results, List<String> jmhOptions) {

        static Options parse(String... args) {
            // courier-protostuff only when asked for: the comparison of record is the four systems
            List<RpcSystem> systems = List.of(RpcSystem.RAW, RpcSystem.DUBBO, RpcSystem.COURIER, RpcSystem.GRPC);
            boolean micro = false;
            boolean stream = false;
            Path results = Path.of("target", "jmh");
            List<String> jmh = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--systems" ->
                        systems = Arrays.stream(value(args, ++i, "--systems").split(","))
                                .map(String::trim)
                                .map(RpcSystem::of)
                                .toList();
                    case "--quick" -> jmh.addAll(0, QUICK);
                    case "--micro" -> micro = true;
                    case "--stream" -> stream = true;
                    case "--results" -> results = Path.of(value(args, ++i, "--results"));
                    case "--" -> {
                        jmh.addAll(Arrays.asList(args).subList(i + 1, args.length));
                        i = args.length;
                    }
                    default ->
                        throw new IllegalArgumentException("option: " + args[i]
                                + " (expected: --systems LIST, --quick, --micro, --stream, --results DIR or -- JMH"
                                + " options)");
                }
            }
            return new Options(systems, micro, stream, results, List.copyOf(jmh));
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + ": missing (expected: a value)");
            }
            return args[i];
        }
    }
}

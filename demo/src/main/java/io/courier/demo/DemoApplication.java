package io.courier.demo;

import io.courier.api.ReferenceOptions;
import io.courier.bootstrap.Courier;
import io.courier.demo.launch.QuietJvm;
import io.courier.events.kafka.embedded.EmbeddedKafka;
import io.courier.examples.guide.UserNotFoundException;
import io.courier.examples.guide.UserService;
import io.courier.transport.UnsafeMemoryAccess;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts Courier applications in one JVM and shows what they do:
 *
 * <ol>
 *   <li>a direct connection (no registry): sync, async, oneway calls and a business exception;
 *   <li>a small shop of eight applications meeting in ZooKeeper (embedded, or an external one with
 *       {@code --zookeeper host:port}): canary routing, a rate limiter, a circuit breaker, a provider
 *       stopped mid-run, a trace across three services, the Prometheus endpoint, a server stream of
 *       order events, an {@code OrderPlaced} event per order on an embedded Kafka handled exactly
 *       once by two subscribing services, one trace from an HTTP request to those subscribers; then
 *       a summary.
 * </ol>
 *
 * <p>Options: {@code --zookeeper host:port[,host:port]} and {@code --duration-seconds n} (default
 * {@value #DEFAULT_DURATION_SECONDS}, 5 to 600). Exits 0 when every check passed, 1 otherwise, 2 on
 * a bad option; never runs longer than the duration plus {@value #OVERHEAD_SECONDS} s.
 */
public final class DemoApplication {

    static final long DEFAULT_DURATION_SECONDS = 24;
    static final long OVERHEAD_SECONDS = 180;

    private DemoApplication() {}

    public static void main(String[] args) {
        // Java 24+: the embedded Kafka's Unsafe warning can only be silenced by a JVM option
        OptionalInt quietChild = QuietJvm.runInChildIfNeeded(DemoApplication.class.getName(), args);
        if (quietChild.isPresent()) {
            System.exit(quietChild.getAsInt());
            return;
        }
        // before Netty loads: no sun.misc.Unsafe warning on Java 24+
        UnsafeMemoryAccess.avoidOnJava24AndLater();
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            System.out.println("usage: java -jar courier-demo.jar [--zookeeper host:port[,host:port]]"
                    + " [--duration-seconds n]");
            System.exit(2);
            return;
        }
        long limit = options.duration().toSeconds() + OVERHEAD_SECONDS;
        Thread watchdog = new Thread(() -> timeLimit(limit), "demo-time-limit");
        watchdog.setDaemon(true);
        watchdog.start();
        Stop stop = Stop.onSignal();
        int status;
        // The shop's Kafka takes seconds to start: it does while step 1 runs.
        CompletableFuture<EmbeddedKafka> kafka = ShopScenario.startKafka();
        try {
            directConnection();
            List<ShopReport.Check> checks = shop(options.registry(), options.duration(), kafka, stop);
            if (stop.stopping()) {
                return; // the signal's stop reports; the JVM ends when it has closed everything
            }
            long failed = checks.stream().filter(check -> !check.passed()).count();
            System.out.println();
            if (failed == 0) {
                System.out.println("Demo finished: all " + checks.size() + " checks passed.");
                status = 0;
            } else {
                System.out.println("Demo FAILED: " + failed + " of " + checks.size() + " checks failed.");
                status = 1;
            }
        } catch (Exception | AssertionError e) {
            if (stop.stopping()) {
                return; // a call cut short by the stop, not a failure of the demo
            }
            System.out.println();
            System.out.println("Demo FAILED: " + e);
            e.printStackTrace(System.out);
            status = 1;
        }
        stop.finished();
        // Everything was closed above; exiting explicitly bounds the run even if a library left a
        // non-daemon thread behind.
        System.exit(status);
    }

    /** The command line. */
    record Options(String registry, Duration duration) {

        static Options parse(String... args) {
            String registry = "embedded";
            long seconds = DEFAULT_DURATION_SECONDS;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + arg + " needs a value");
                }
                String value = args[++i];
                switch (arg) {
                    case "--zookeeper" -> {
                        if (!value.matches("[A-Za-z0-9.\\-\\[\\]:]+:[0-9]+(,[A-Za-z0-9.\\-\\[\\]:]+:[0-9]+)*")) {
                            throw new IllegalArgumentException("--zookeeper: '" + value
                                    + "' (expected: host:port[,host:port], e.g. 127.0.0.1:2181)");
                        }
                        registry = "zookeeper://" + value;
                    }
                    case "--duration-seconds" -> {
                        try {
                            seconds = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            seconds = -1;
                        }
                        if (seconds < 5 || seconds > 600) {
                            throw new IllegalArgumentException(
                                    "--duration-seconds: '" + value + "' (expected: an integer 5 to 600)");
                        }
                    }
                    default ->
                        throw new IllegalArgumentException(
                                "unknown option '" + arg + "' (expected: --zookeeper or --duration-seconds)");
                }
            }
            return new Options(registry, Duration.ofSeconds(seconds));
        }
    }

    /** Step 1: a consumer calls a provider at a known address. */
    static void directConnection() throws Exception {
        section("1. Direct connection: a consumer calls a provider at a known address, no registry");
        try (Courier provider = Courier.builder()
                        .application("user-provider")
                        .host("127.0.0.1")
                        .port(0)
                        .shutdownHook(false)
                        .export(new ShopUserService("provider-1"))
                        .start();
                Courier consumer = Courier.builder()
                        .application("shop")
                        .shutdownHook(false)
                        .start()) {
            System.out.println("provider listening on " + provider.endpoint().orElseThrow());
            UserService users = consumer.reference(
                    UserService.class,
                    ReferenceOptions.builder()
                            .directEndpoints(List.of(provider.endpoint().orElseThrow()))
                            .build());

            print("users.find(1)", users.find(1));
            try {
                users.find(42);
                throw new AssertionError("find(42) should have thrown");
            } catch (UserNotFoundException e) {
                print("users.find(42)", "threw UserNotFoundException: " + e.getMessage());
            }
            print("users.search(\"A\") (async)", users.search("A").get(5, TimeUnit.SECONDS));
            users.touch(1);
            print("users.touch(1) (oneway)", "sent; the consumer did not wait");
            print("users.instance()", users.instance());
        }
    }

    /**
     * Step 2: the shop, seven applications meeting in the registry, for {@code duration}; prints the
     * timeline and the summary.
     *
     * @return the summary's checks
     */
    static List<ShopReport.Check> shop(String registry, Duration duration) throws Exception {
        return shop(registry, duration, ShopScenario.startKafka(), Stop.none());
    }

    /**
     * Step 2 on the embedded Kafka {@code kafka}, which is starting and is closed when the shop is;
     * {@code stop} closes the run on a signal.
     */
    static List<ShopReport.Check> shop(
            String registry, Duration duration, CompletableFuture<EmbeddedKafka> kafka, Stop stop) throws Exception {
        section("2. The shop: user-service x2, inventory-service x2 (one canary), order-service, notification-service,"
                + " a client and a browser, through "
                + ("embedded".equals(registry) ? "an embedded ZooKeeper" : registry)
                + "; OrderPlaced events on an embedded Kafka");
        ShopScenario scenario = new ShopScenario(registry, duration, kafka, stop);
        ShopReport report = scenario.run();
        // stopped by a signal: the checks of a run cut short would only report the cut
        return stop.stopping() ? List.of() : report.printSummary();
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    private static void print(String call, Object result) {
        System.out.printf("%-55s -> %s%n", call, result);
    }

    private static void timeLimit(long seconds) {
        try {
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        } catch (InterruptedException e) {
            return;
        }
        System.out.println("Demo FAILED: still running after " + seconds + " s");
        Runtime.getRuntime().halt(1);
    }

    /**
     * What SIGTERM (a container stop, {@code kill}, Ctrl-C) does to a running demo: one JVM shutdown
     * hook closes what the run opened, newest first (the traffic, then the applications, consumers
     * first, each logging its close, then the registry, then the broker), as a normal end of the run
     * does. The applications are built with {@code shutdownHook(false)} because the JVM runs its hooks
     * all at once: a hook per application would race the others and the registry's, and lose.
     *
     * <p>Thread-safe.
     */
    static final class Stop {

        private final Deque<AutoCloseable> open = new ArrayDeque<>(); // guarded by this
        private volatile boolean stopping;

        private Stop() {}

        /** A stop run by the JVM's shutdown hook. */
        static Stop onSignal() {
            Stop stop = new Stop();
            Runtime.getRuntime().addShutdownHook(new Thread(stop::stopNow, "demo-stop"));
            return stop;
        }

        /** A stop nobody runs: for a run inside a test's JVM, which closes what it opened itself. */
        static Stop none() {
            return new Stop();
        }

        /** Closes {@code resource} on a signal, before everything registered earlier; returns it. */
        synchronized <T extends AutoCloseable> T closeOnStop(T resource) {
            open.push(resource);
            return resource;
        }

        /** The run ended and closed everything itself: the signal's hook has nothing left to do. */
        synchronized void finished() {
            open.clear();
        }

        /** Whether a signal is stopping the run: its output is then the stop's, not a failure's. */
        boolean stopping() {
            return stopping;
        }

        private void stopNow() {
            List<AutoCloseable> toClose;
            synchronized (this) {
                toClose = new ArrayList<>(open);
                open.clear();
            }
            if (toClose.isEmpty()) {
                return;
            }
            stopping = true;
            System.out.println();
            System.out.println(
                    "Stopping: closing every application, consumers first, then the registry and the broker");
            for (AutoCloseable resource : toClose) {
                try {
                    resource.close();
                } catch (Exception e) {
                    System.out.println("closing " + resource + " failed: " + e);
                }
            }
            System.out.println("Stopped.");
        }
    }
}

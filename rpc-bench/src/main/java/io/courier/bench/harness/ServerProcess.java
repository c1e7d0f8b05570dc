package io.courier.bench.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BenchServer} running in a child JVM. {@link #start} returns once the server announced its port; {@link
 * #close} stops it and waits until the process is gone, escalating from closing its standard input to SIGTERM to
 * SIGKILL. A shutdown hook does the same if this JVM exits without closing it, and the server itself exits when this
 * JVM dies (its standard input closes), so a server never outlives its harness.
 */
public final class ServerProcess implements AutoCloseable {

    /**
     * The system property naming rpc-bench's whole class path, for JVMs that run on a part of it (a client of the
     * {@code courier-dubbo} system has Dubbo's jars and not Courier's hessian-lite; its server the reverse).
     */
    public static final String FULL_CLASSPATH = "bench.full-classpath";

    /** rpc-bench's whole class path: {@link #FULL_CLASSPATH} when this JVM runs on a part of it, else its own. */
    public static String fullClasspath() {
        return System.getProperty(FULL_CLASSPATH, System.getProperty("java.class.path"));
    }

    /**
     * JVM options of the server process; override with {@code -Dbench.serverJvmArgs="..."}. The heap is
     * touched at start ({@code AlwaysPreTouch}), as in the JMH client's fork: otherwise the first pass
     * through a young generation that G1 grows to about 600 MB takes a page fault per 4 KiB, and on a
     * virtual machine each costs several microseconds. That cost falls inside the 24 s a trial
     * measures, in proportion to what each system allocates per call, and never recurs in a process
     * that has run for a minute (measured: a Courier server's CPU per {@code existUser} was 3.8-4.6 us
     * in the rounds before the first collection of the grown heap, 2.1-2.3 us after it or with the
     * heap touched at start).
     */
    public static final String DEFAULT_JVM_ARGS =
            "-Xms1g -Xmx1g -XX:+AlwaysPreTouch -Dio.netty.leakDetection.level=disabled -Ddubbo.application.logger=slf4j";

    private static final Logger log = LoggerFactory.getLogger(ServerProcess.class);
    private static final long READY_TIMEOUT_SECONDS = 120;
    private static final long EXIT_TIMEOUT_SECONDS = 15;

    private final String name;
    private final Process process;
    private final int port;
    private final Thread shutdownHook;

    private ServerProcess(String name, Process process, int port, Thread shutdownHook) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.shutdownHook = shutdownHook;
    }

    /**
     * Starts a server of {@code system} with the JVM options of {@code bench.serverJvmArgs}, followed
     * by those of {@code bench.serverExtraJvmArgs} (comma-separated, so that one JMH
     * {@code -jvmArgsAppend} word can carry several, e.g.
     * {@code -Dbench.serverExtraJvmArgs=-Dcourier.provider.executor=direct}); when
     * {@code bench.serverJfr} names a directory, the server also records a JFR profile there
     * ({@code server-<system>-<time>.jfr}, settings {@code profile}) until it stops. Not under
     * {@code courier.}: the Courier client in the same JVM refuses unknown {@code courier.*} system
     * properties.
     */
    public static ServerProcess start(RpcSystem system) {
        String jvmArgs = System.getProperty("bench.serverJvmArgs", DEFAULT_JVM_ARGS);
        List<String> args = new ArrayList<>(Arrays.asList(jvmArgs.trim().split("\\s+")));
        args.addAll(Arrays.asList(
                System.getProperty("bench.serverExtraJvmArgs", "").trim().split(",")));
        String jfrDirectory = System.getProperty("bench.serverJfr");
        if (jfrDirectory != null && !jfrDirectory.isBlank()) {
            Path recording = Path.of(jfrDirectory, "server-" + system.id() + "-" + System.currentTimeMillis() + ".jfr");
            args.add(
                    "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording.toAbsolutePath());
        }
        return start(system, args);
    }

    /**
     * Starts a server of {@code system} in a JVM with {@code jvmArgs} and this JVM's classpath less the jars the
     * system must not load, and waits until it listens.
     *
     * @throws IllegalStateException if it exits or stays silent for two minutes; the process is stopped
     */
    public static ServerProcess start(RpcSystem system, List<String> jvmArgs) {
        return start(
                system.id(),
                jvmArgs,
                system.serverClasspath(fullClasspath()),
                BenchServer.class.getName(),
                List.of(system.id(), "0"));
    }

    /**
     * Starts {@code mainClass} with {@code args} in a JVM with {@code jvmArgs} and {@code classpath}, and waits until
     * it announces its port as {@link BenchServer} does ({@link BenchServer#serve}); {@code name} names it in logs.
     *
     * @throws IllegalStateException if it exits or stays silent for two minutes; the process is stopped
     */
    public static ServerProcess start(
            String name, List<String> jvmArgs, String classpath, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        jvmArgs.stream().filter(arg -> !arg.isEmpty()).forEach(command::add);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);

        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name + " server", e);
        }
        Thread hook = new Thread(() -> stop(process), "bench-server-stopper");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            int port = awaitReady(name, process);
            log.info("{} server pid {} listens on port {}", name, process.pid(), port);
            return new ServerProcess(name, process, port, hook);
        } catch (RuntimeException e) {
            stop(process);
            removeHook(hook);
            throw e;
        }
    }

    private static int awaitReady(String name, Process process) {
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(process, ready), "bench-server-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            return ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "the " + name + " server did not announce its port within " + READY_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the " + name + " server failed to start", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the " + name + " server started");
        }
    }

    /** Completes {@code ready} with the announced port, then drains the rest so the server never blocks on it. */
    private static void readOutput(Process process, CompletableFuture<Integer> ready) {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (!ready.isDone() && line.startsWith(BenchServer.READY)) {
                    ready.complete(Integer.parseInt(
                            line.substring(BenchServer.READY.length()).trim()));
                } else {
                    log.info("server: {}", line);
                }
            }
        } catch (IOException | RuntimeException e) {
            ready.completeExceptionally(e);
        }
        if (!ready.isDone()) {
            ready.completeExceptionally(
                    new IllegalStateException("the server closed its output; exit code " + exitCode(process)));
        }
    }

    private static String exitCode(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "none yet";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** What it serves: the {@link RpcSystem}'s id, or the name it was started with. */
    public String name() {
        return name;
    }

    /** The port the server listens on, at {@link RpcSystem#loopback()}. */
    public int port() {
        return port;
    }

    /** The CPU time the server process has taken so far, in nanoseconds (-1 where the platform does not say). */
    public long cpuNanos() {
        return process.toHandle()
                .info()
                .totalCpuDuration()
                .map(Duration::toNanos)
                .orElse(-1L);
    }

    /** The child process, for checks. */
    Process process() {
        return process;
    }

    /** Stops the server and waits until its process has exited. */
    @Override
    public void close() {
        stop(process);
        removeHook(shutdownHook);
    }

    private static void stop(Process process) {
        try {
            // the polite way: the server exits when its input closes
            process.getOutputStream().close();
        } catch (IOException e) {
            log.debug("closing the server's input failed", e);
        }
        try {
            if (!process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("server pid {} did not exit, terminating it", process.pid());
                process.destroy();
                if (!process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and the hook is running or has run
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

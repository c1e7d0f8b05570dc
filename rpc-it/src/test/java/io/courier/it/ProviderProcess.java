package io.courier.it;

import io.courier.api.Endpoint;
import io.courier.testkit.ClassPaths;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider JVM ({@link ProviderMain}) started with this JVM's class path: its control channel,
 * its log (kept in a file and, for failure messages, the last lines in memory) and its ledger.
 * {@link #close()} kills it if it still runs; every test closes every process in a
 * {@code finally} or an {@code @AfterEach}.
 */
final class ProviderProcess implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);
    private static final int TAIL_LINES = 60;

    private static final Logger log = LoggerFactory.getLogger(ProviderProcess.class);

    private final String name;
    private final Process process;
    private final Path ledger;
    private final Writer commands;
    private final CompletableFuture<Integer> ready = new CompletableFuture<>();
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final Writer logFile;

    private ProviderProcess(String name, Process process, Path ledger, Path logPath) throws IOException {
        this.name = name;
        this.process = process;
        this.ledger = ledger;
        this.commands = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.logFile = Files.newBufferedWriter(
                logPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        pump(process.getInputStream(), this::onControl, "out");
        pump(process.getErrorStream(), this::onLog, "err");
    }

    /**
     * Starts provider {@code name} with the given {@code courier.*} properties, its ledger and log in
     * {@code directory}, and waits until it serves.
     */
    static ProviderProcess start(String name, Path directory, Map<String, String> properties) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Small, quick-starting JVMs: the suite runs several at once on two cores.
        command.add("-Xmx192m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        command.add("-Dio.netty.leakDetection.level=simple");
        command.add("-Dit.process=" + name);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(ClassPaths.current());
        command.add(ProviderMain.class.getName());
        command.add(name);
        Path ledger = directory.resolve(name + ".ledger");
        command.add(ledger.toString());
        ProviderProcess provider;
        try {
            Process process = new ProcessBuilder(command).start();
            provider = new ProviderProcess(name, process, ledger, directory.resolve(name + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start provider " + name, e);
        }
        try {
            provider.awaitReady();
        } catch (RuntimeException | Error e) {
            provider.close();
            throw e;
        }
        return provider;
    }

    private void awaitReady() {
        try {
            int port = ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            log.info("provider {} (pid {}) serves on port {}", name, process.pid(), port);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + name, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "provider " + name + " exited before it served; last log lines:\n" + tail(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "provider " + name + " did not start within " + START_TIMEOUT + "; last log lines:\n" + tail(), e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** Where the provider serves. */
    Endpoint endpoint() {
        return Endpoint.of("127.0.0.1", ready.join());
    }

    Path ledger() {
        return ledger;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends {@code command} and returns the answer. */
    synchronized String command(String command) {
        answers.clear();
        try {
            commands.write(command + "\n");
            commands.flush();
            String answer = answers.poll(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (answer == null) {
                throw new IllegalStateException(
                        name + " did not answer '" + command + "' within " + COMMAND_TIMEOUT + "; log:\n" + tail());
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send '" + command + "' to " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The provider's gauges: open connections, accepted calls not answered, queued outbound bytes. */
    Status status() {
        return Status.parse(command("status"));
    }

    /** SIGKILL: the process dies at once, with calls in flight. Waits until it is gone. */
    void kill() {
        // Through the handle: Process.destroy*() would also close our ends of its pipes, losing its log.
        process.toHandle().destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM: Courier's shutdown hook stops it gracefully. Does not wait. */
    void terminate() {
        // Through the handle: Process.destroy() would also close its standard input, which the
        // provider takes as "the parent is gone" and closes by itself, beside the hook.
        process.toHandle().destroy();
    }

    /** Waits up to {@code timeout} for the process to exit; returns whether it did. */
    boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The process's exit, for timing it. */
    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** The last lines the provider logged. */
    synchronized String tail() {
        return String.join("\n", tail);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        awaitExit(Duration.ofSeconds(30));
        try {
            commands.close();
        } catch (IOException e) {
            // the process is gone; its end of the pipe with it
        }
        synchronized (this) {
            try {
                logFile.close();
            } catch (IOException e) {
                log.debug("closing the log of {} failed", name, e);
            }
        }
    }

    private void onControl(String line) {
        if (!line.startsWith(ProviderMain.PREFIX)) {
            onLog(line);
            return;
        }
        String message = line.substring(ProviderMain.PREFIX.length());
        if (message.startsWith("READY port=")) {
            ready.complete(Integer.parseInt(message.substring("READY port=".length())));
        } else {
            answers.add(message);
        }
    }

    private synchronized void onLog(String line) {
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
        try {
            logFile.write(line);
            logFile.write('\n');
            logFile.flush();
        } catch (IOException e) {
            // the log file is only for reading after a failure
        }
    }

    private void pump(InputStream stream, Consumer<String> sink, String which) {
        Thread pump = new Thread(
                () -> {
                    try (BufferedReader reader =
                            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = reader.readLine()) != null) {
                            sink.accept(line);
                        }
                    } catch (IOException e) {
                        // the process ended
                    } finally {
                        ready.completeExceptionally(new IllegalStateException(name + " exited"));
                    }
                },
                "it-" + name + "-" + which);
        pump.setDaemon(true);
        pump.start();
    }

    @Override
    public String toString() {
        return name + "(pid " + process.pid() + ")";
    }

    /** What {@code status} reports. */
    record Status(boolean online, int connections, int inFlight, long queuedBytes) {
        static Status parse(String answer) {
            // STATUS online=true connections=1 inflight=0 queued=0
            String[] fields = answer.split(" ");
            if (fields.length != 5 || !fields[0].equals("STATUS")) {
                throw new IllegalStateException("unexpected status answer: " + answer);
            }
            return new Status(
                    Boolean.parseBoolean(value(fields[1])),
                    Integer.parseInt(value(fields[2])),
                    Integer.parseInt(value(fields[3])),
                    Long.parseLong(value(fields[4])));
        }

        private static String value(String field) {
            return field.substring(field.indexOf('=') + 1);
        }
    }
}

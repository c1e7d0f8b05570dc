package io.courier.demo.launch;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Runs the demo again in a child JVM started with {@code --sun-misc-unsafe-memory-access=allow}, on
 * Java 24 and later only.
 *
 * <p>Why: the embedded Kafka broker unmaps its log index files through {@code sun.misc.Unsafe} when it
 * closes them, and Kafka has no switch for it, so from Java 24 on the JVM prints its four-line
 * deprecation warning when the demo stops. The option that silences it cannot go in a jar's manifest,
 * and Java 17 refuses it on the command line, so the README's one {@code java -jar} command cannot
 * carry it. Everything else the runnable jars keep quiet from inside ({@code UnsafeMemoryAccess}).
 *
 * <p>The parent JVM loads nothing but the JDK: it starts the child with the same JVM options, class
 * path and arguments, shares its terminal, passes a stop (SIGTERM, Ctrl-C) on to it, waits for it to
 * close, and exits with its status. A value of the option the user gave is left as given: no relaunch.
 */
public final class QuietJvm {

    static final String OPTION = "--sun-misc-unsafe-memory-access";

    /** Set in the child, so that it never starts a third JVM (not a {@code courier.*} key: those are checked). */
    static final String CHILD_PROPERTY = "demo.relaunched";

    /** How long a stopped parent waits for the child to close everything (the demo's own stop bound). */
    private static final long CLOSE_SECONDS = 60;

    private QuietJvm() {}

    /**
     * Runs the demo in a quiet child JVM where that is needed.
     *
     * @return the child's exit status, or empty where this JVM should run the demo itself
     */
    public static OptionalInt runInChildIfNeeded(String mainClass, String[] args) {
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (!needed(Runtime.version().feature(), jvmOptions, Boolean.getBoolean(CHILD_PROPERTY))) {
            return OptionalInt.empty();
        }
        List<String> command = command(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                jvmOptions,
                System.getProperty("java.class.path"),
                mainClass,
                args);
        try {
            Process child = new ProcessBuilder(command).inheritIO().start();
            Thread passStop = new Thread(() -> closeChild(child), "demo-stop-child");
            Runtime.getRuntime().addShutdownHook(passStop);
            int status = child.waitFor();
            Runtime.getRuntime().removeShutdownHook(passStop);
            return OptionalInt.of(status);
        } catch (Exception e) {
            // no child: run the demo here, warning and all
            System.err.println("demo: could not start a JVM with " + OPTION + "=allow (" + e + "); running here");
            return OptionalInt.empty();
        }
    }

    /** Whether a JVM of {@code feature} with {@code jvmOptions} should start the demo in a child. */
    static boolean needed(int feature, List<String> jvmOptions, boolean isChild) {
        return feature >= 24 && !isChild && jvmOptions.stream().noneMatch(option -> option.startsWith(OPTION));
    }

    /**
     * The child's command line: this JVM's options, the option, the marker, then {@code -jar} where this
     * JVM runs one jar (so that its manifest's {@code Enable-Native-Access} and {@code Add-Opens} apply
     * to the child too), else the class path and main class; then the arguments.
     */
    static List<String> command(
            String java, List<String> jvmOptions, String classPath, String mainClass, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add(OPTION + "=allow");
        command.add("-D" + CHILD_PROPERTY + "=true");
        if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
            command.add("-jar");
            command.add(classPath);
        } else {
            command.add("-cp");
            command.add(classPath);
            command.add(mainClass);
        }
        command.addAll(List.of(args));
        return command;
    }

    private static void closeChild(Process child) {
        if (!child.isAlive()) {
            return;
        }
        child.destroy(); // SIGTERM: the child's own stop closes every application and says so
        try {
            if (!child.waitFor(CLOSE_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroyForcibly();
        }
    }
}

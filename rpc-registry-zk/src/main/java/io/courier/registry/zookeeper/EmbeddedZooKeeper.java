package io.courier.registry.zookeeper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.common.X509Util;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.persistence.FileTxnSnapLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single ZooKeeper server inside this JVM, for development, demos and tests: it listens on a free
 * port of 127.0.0.1 only and keeps its data in a new temporary directory that {@link #close()}
 * deletes. Not for production: one server, no replication, data gone on close.
 *
 * <p>Built from ZooKeeper's own server classes (the same sequence as ZooKeeper's standalone main,
 * without the admin HTTP server and without touching system properties or the JVM's exit handler).
 * Sessions may last from {@value #MIN_SESSION_TIMEOUT_MILLIS} ms to {@value
 * #MAX_SESSION_TIMEOUT_MILLIS} ms; the server's clock ticks every {@value #TICK_MILLIS} ms.
 *
 * <p>The server's threads are daemon threads (they are started from one, and inherit it), so a
 * server that nobody closed never keeps the JVM alive after {@code main} ends, normally or with an
 * exception. ZooKeeper's process-wide default uncaught-exception handler is not installed (it would
 * report the application's own uncaught exceptions as ZooKeeper errors), and the server does not
 * warn that it has no connection limit: a development server needs none.
 *
 * <p>Thread-safe. A JVM shutdown hook closes a server that was not closed, so its directory does not
 * outlive the process; see {@link #closeAtExit()} for the order in which it closes.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {

    static final int TICK_MILLIS = 500;
    static final int MIN_SESSION_TIMEOUT_MILLIS = 1_000;
    static final int MAX_SESSION_TIMEOUT_MILLIS = 120_000;
    /** How long the shutdown hook waits for the server's users to close (longer than their own shutdown). */
    static final long EXIT_WAIT_MILLIS = 15_000;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedZooKeeper.class);

    private final Path directory;
    private final FileTxnSnapLog snapLog;
    private final ServerCnxnFactory connections;
    private final Thread shutdownHook;
    private boolean closed; // guarded by this
    private boolean coordinationWarned; // guarded by this
    private int users; // guarded by this

    private EmbeddedZooKeeper(Path directory, FileTxnSnapLog snapLog, ServerCnxnFactory connections) {
        this.directory = directory;
        this.snapLog = snapLog;
        this.connections = connections;
        this.shutdownHook = new Thread(this::closeAtExit, "courier-embedded-zookeeper-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a server on a free port of 127.0.0.1.
     *
     * @throws UncheckedIOException if the directory or the port cannot be had
     */
    public static EmbeddedZooKeeper start() {
        CompletableFuture<EmbeddedZooKeeper> started = new CompletableFuture<>();
        // Every thread the server starts inherits the daemon flag of the thread that starts it.
        Thread starter = new Thread(
                () -> {
                    try {
                        started.complete(startHere());
                    } catch (RuntimeException | Error e) {
                        started.completeExceptionally(e);
                    }
                },
                "courier-embedded-zookeeper-start");
        starter.setDaemon(true);
        starter.start();
        loadClientTlsDefaults();
        try {
            return started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the embedded ZooKeeper", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) e.getCause();
        }
    }

    /**
     * Initializes ZooKeeper's {@code X509Util} while the server starts on its own thread: every
     * ZooKeeper client initializes it when it is created (its default TLS protocol comes from the
     * JDK's default {@code SSLContext}, which reads the JDK's trust store), about 0.8 s in a fresh
     * JVM on a 2-core machine that would otherwise come after the server's start instead of beside
     * it. Nothing fails if it cannot be done here: the client then does it as before.
     */
    private static void loadClientTlsDefaults() {
        try {
            Class.forName(X509Util.class.getName(), true, X509Util.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            log.debug("ZooKeeper's TLS defaults not loaded ahead of the client", e);
        }
    }

    private static EmbeddedZooKeeper startHere() {
        Path directory = null;
        FileTxnSnapLog snapLog = null;
        try {
            directory = Files.createTempDirectory("courier-zookeeper-");
            snapLog = new FileTxnSnapLog(directory.toFile(), directory.toFile());
            ZooKeeperServer server = new ZooKeeperServer(
                    snapLog, TICK_MILLIS, MIN_SESSION_TIMEOUT_MILLIS, MAX_SESSION_TIMEOUT_MILLIS, -1, null, null);
            ServerCnxnFactory connections = QuietConnections.create();
            connections.configure(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0, -1, false);
            connections.startup(server);
            EmbeddedZooKeeper embedded = new EmbeddedZooKeeper(directory, snapLog, connections);
            log.info("Embedded ZooKeeper listening on {} (data in {})", embedded.connectString(), directory);
            return embedded;
        } catch (IOException e) {
            cleanUp(directory, snapLog);
            throw new UncheckedIOException("Could not start the embedded ZooKeeper: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cleanUp(directory, snapLog);
            throw new IllegalStateException("Interrupted while starting the embedded ZooKeeper", e);
        }
    }

    /** The port the server listens on, on 127.0.0.1. */
    public int port() {
        return connections.getLocalPort();
    }

    /** {@code 127.0.0.1:<port>}, for {@code zookeeper://} addresses and ZooKeeper clients. */
    public String connectString() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + port();
    }

    /**
     * Makes the JVM's shutdown hook leave the server to its owner: for a program that started the
     * server itself and, on SIGTERM, closes its applications and then the server from a shutdown hook
     * of its own. Without this the server's hook (the JVM runs hooks at once, in no order) would stop
     * it under the applications' registry clients, each of which then logs its lost connection. The
     * hook still closes the server if the owner has not within {@value #EXIT_WAIT_MILLIS} ms.
     */
    public void closedByOwnerAtExit() {
        retain();
    }

    /**
     * Counts one more user (a registry client) that will {@link #release()} the server when it has
     * closed; the shutdown hook waits for every user.
     *
     * @return false if the server is already closed (start another)
     */
    synchronized boolean retain() {
        if (closed) {
            return false;
        }
        users++;
        return true;
    }

    /**
     * One user has closed; the last one closes the server.
     *
     * @return whether this closed the server
     */
    boolean release() {
        boolean last;
        synchronized (this) {
            last = --users == 0;
            notifyAll();
        }
        if (last) {
            close();
        }
        return last;
    }

    /**
     * Warns, once per server, that locks and leadership on it hold among this JVM's instances only:
     * two processes each on the {@code embedded} registry each run a ZooKeeper of their own, and each
     * elects its own leader, with nothing else to show it.
     */
    void coordinationUsed() {
        synchronized (this) {
            if (coordinationWarned) {
                return;
            }
            coordinationWarned = true;
        }
        log.warn(
                "Coordination on the embedded registry spans this JVM only: a lock holder or a leader is leader"
                        + " among this JVM's instances only. Another process on registry 'embedded' runs a"
                        + " ZooKeeper of its own and elects its own leader. To coordinate processes, give them"
                        + " one ZooKeeper: registry zookeeper://host:port (this JVM's embedded server answers at"
                        + " zookeeper://{}).",
                connectString());
    }

    /** The temporary directory holding the server's data. */
    Path directory() {
        return directory;
    }

    /**
     * What the shutdown hook runs: waits, up to {@link #EXIT_WAIT_MILLIS}, for {@link #close()} by the
     * applications that use the server (their own shutdown hooks close them, and the last one closes
     * the server), so that no client loses its server while it is still closing; then closes the
     * server if nobody did.
     */
    private void closeAtExit() {
        synchronized (this) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_WAIT_MILLIS);
            long left;
            while (!closed && users > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        close();
    }

    /** Stops the server, dropping every session, and deletes its directory. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        connections.shutdown(); // also shuts the server down
        cleanUp(directory, snapLog);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: this is the hook
        }
        log.info("Embedded ZooKeeper stopped");
    }

    private static void cleanUp(Path directory, FileTxnSnapLog snapLog) {
        try {
            if (snapLog != null) {
                snapLog.close();
            }
        } catch (IOException e) {
            log.debug("Closing the embedded ZooKeeper's log failed", e);
        }
        if (directory != null) {
            deleteTree(directory);
        }
    }

    private static void deleteTree(Path directory) {
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("Could not delete the embedded ZooKeeper's directory {}: {}", directory, e.toString());
        }
    }
}

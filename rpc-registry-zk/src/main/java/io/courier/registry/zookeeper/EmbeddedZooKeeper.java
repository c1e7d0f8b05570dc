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
 * <p>Thread-safe. A JVM shutdown hook closes a server that was not closed, so its directory does not
 * outlive the process.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {

    static final int TICK_MILLIS = 500;
    static final int MIN_SESSION_TIMEOUT_MILLIS = 1_000;
    static final int MAX_SESSION_TIMEOUT_MILLIS = 120_000;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedZooKeeper.class);

    private final Path directory;
    private final FileTxnSnapLog snapLog;
    private final ServerCnxnFactory connections;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedZooKeeper(Path directory, FileTxnSnapLog snapLog, ServerCnxnFactory connections) {
        this.directory = directory;
        this.snapLog = snapLog;
        this.connections = connections;
        this.shutdownHook = new Thread(this::close, "courier-embedded-zookeeper-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a server on a free port of 127.0.0.1.
     *
     * @throws UncheckedIOException if the directory or the port cannot be had
     */
    public static EmbeddedZooKeeper start() {
        Path directory = null;
        FileTxnSnapLog snapLog = null;
        try {
            directory = Files.createTempDirectory("courier-zookeeper-");
            snapLog = new FileTxnSnapLog(directory.toFile(), directory.toFile());
            ZooKeeperServer server = new ZooKeeperServer(
                    snapLog, TICK_MILLIS, MIN_SESSION_TIMEOUT_MILLIS, MAX_SESSION_TIMEOUT_MILLIS, -1, null, null);
            ServerCnxnFactory connections = ServerCnxnFactory.createFactory();
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

    /** The temporary directory holding the server's data. */
    Path directory() {
        return directory;
    }

    /** Stops the server, dropping every session, and deletes its directory. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
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

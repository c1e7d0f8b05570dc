package io.courier.it;

import io.courier.testkit.RestartPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.persistence.FileTxnSnapLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single ZooKeeper server in the test JVM, on 127.0.0.1, built from ZooKeeper's own server classes
 * (as the {@code embedded} registry builds its server) so that the suite can do what Curator's
 * {@code TestingServer} keeps to itself: stop it and start it again on the same port with the same
 * data, and expire every client session from the server side, exactly as the server does when a
 * client has been silent for its session timeout.
 */
final class ZooKeeperHarness implements AutoCloseable {

    /** Sessions may last 2 to 300 ticks; a short tick keeps expiry detection quick. */
    static final int TICK_MILLIS = 100;

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperHarness.class);

    private final Path directory;
    private int port;
    private FileTxnSnapLog snapLog;
    private ZooKeeperServer server;
    private ServerCnxnFactory connections;

    private ZooKeeperHarness(Path directory) {
        this.directory = directory;
        // restart() binds the same port again: one outside the ephemeral range, which no client can take meanwhile
        this.port = RestartPorts.pick();
    }

    /** Starts a server on a free port, keeping its data in {@code directory}. */
    static ZooKeeperHarness start(Path directory) {
        ZooKeeperHarness harness = new ZooKeeperHarness(directory);
        harness.startServer();
        return harness;
    }

    /** {@code 127.0.0.1:<port>}. */
    String connectString() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
    }

    /** The registry address Courier takes. */
    String address() {
        return "zookeeper://" + connectString();
    }

    /** Stops the server; clients lose their connection, sessions survive in its data. */
    synchronized void stop() {
        if (connections == null) {
            return;
        }
        connections.shutdown(); // also shuts the server down
        connections = null;
        server = null;
        closeSnapLog();
        log.info("ZooKeeper on port {} stopped", port);
    }

    /** Starts the stopped server again, on the same port and with the same data. */
    synchronized void restart() {
        stop();
        startServer();
    }

    /**
     * Expires every client session now, as the server does for a client that has been silent for
     * its session timeout: the sessions' ephemeral nodes are deleted and their clients are told
     * "session expired" when they next talk to the server.
     *
     * @return how many sessions were expired
     */
    synchronized int expireSessions() {
        List<Long> sessions = new ArrayList<>();
        for (Set<Long> ids : server.getSessionExpiryMap().values()) {
            sessions.addAll(ids);
        }
        for (long id : sessions) {
            server.expire(id);
        }
        log.info("ZooKeeper expired {} sessions", sessions.size());
        return sessions.size();
    }

    private synchronized void startServer() {
        try {
            snapLog = new FileTxnSnapLog(directory.toFile(), directory.toFile());
            server = new ZooKeeperServer(snapLog, TICK_MILLIS, 2 * TICK_MILLIS, 300 * TICK_MILLIS, -1, null, null);
            connections = ServerCnxnFactory.createFactory();
            connections.configure(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0, -1, false);
            connections.startup(server);
            port = connections.getLocalPort();
            log.info("ZooKeeper listening on {}", connectString());
        } catch (IOException e) {
            closeSnapLog();
            throw new UncheckedIOException("cannot start ZooKeeper on port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeSnapLog();
            throw new IllegalStateException("interrupted while starting ZooKeeper", e);
        }
    }

    private void closeSnapLog() {
        if (snapLog != null) {
            try {
                snapLog.close();
            } catch (IOException e) {
                log.debug("closing ZooKeeper's log failed", e);
            }
            snapLog = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}

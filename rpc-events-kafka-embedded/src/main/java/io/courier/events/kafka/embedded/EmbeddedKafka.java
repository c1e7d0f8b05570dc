package io.courier.events.kafka.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process), run in this JVM
 * on 127.0.0.1 only: the real Kafka server, for development, demos and tests, as the embedded
 * ZooKeeper is for the registry. Its data lives in a directory of its own (a temporary one,
 * deleted on close, unless one is given), every internal topic has one replica, consumer groups
 * rebalance without delay and may use session timeouts down to one second, and topics are created
 * on first use. Not for production: one node keeps one copy of each event.
 *
 * <p>Thread-safe; {@link #close()} stops the server and is idempotent.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final int port;
    private boolean closed; // guarded by this

    private EmbeddedKafka(KafkaRaftServer server, Path dataDir, boolean ownsDataDir, int port) {
        this.server = server;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.port = port;
    }

    /**
     * Starts a broker on two free loopback ports with its data in a new temporary directory, which
     * {@link #close()} deletes.
     *
     * @throws IllegalStateException if the server cannot start
     */
    public static EmbeddedKafka start() {
        try {
            Path dir = Files.createTempDirectory("courier-kafka-");
            return start(dir, freePort(), freePort(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a data directory for the embedded Kafka", e);
        }
    }

    /**
     * Starts a broker on {@code port} (clients) and {@code controllerPort} (KRaft) with its data in
     * {@code dataDir}, formatted on first use and kept on close: started again on the same
     * directory and ports, it has every event acknowledged before it stopped.
     *
     * @throws IllegalStateException if the server cannot start
     */
    public static EmbeddedKafka start(Path dataDir, int port, int controllerPort) {
        return start(dataDir, port, controllerPort, false);
    }

    private static EmbeddedKafka start(Path dataDir, int port, int controllerPort, boolean ownsDataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        Path logDir = dataDir.resolve("kraft");
        try {
            Files.createDirectories(logDir);
            Properties properties = properties(logDir, port, controllerPort);
            KafkaConfig config = KafkaConfig.fromProps(properties, false);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(logDir);
            }
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            return new EmbeddedKafka(server, dataDir, ownsDataDir, port);
        } catch (Exception e) {
            if (ownsDataDir) {
                delete(dataDir);
            }
            throw new IllegalStateException(
                    "the embedded Kafka did not start on " + HOST + ":" + port + " (data in " + dataDir + "): " + e, e);
        }
    }

    /** The address clients connect to: {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The clients' port. */
    public int port() {
        return port;
    }

    /** Where its data lives. */
    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server (and deletes a temporary data directory). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        if (ownsDataDir) {
            delete(dataDir);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafka(" + bootstrapServers() + ", " + dataDir + ")";
    }

    private static Properties properties(Path logDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // one node: every internal topic has one replica
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "12");
        p.put("auto.create.topics.enable", "true");
        // development: groups form at once, and tests may use short session timeouts
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("group.min.session.timeout.ms", "1000");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("log.cleaner.enable", "false");
        return p;
    }

    private static void format(Path logDir) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setNodeId(1)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setControllerListenerName("CONTROLLER")
                .run();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}

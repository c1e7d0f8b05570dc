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
        return start(
                dataDir,
                new Node(1, port, List.of(controllerPort), Uuid.randomUuid().toString()),
                ownsDataDir);
    }

    /**
     * Starts node {@code node.id()} of a cluster of {@code node.controllerPorts().size()} embedded
     * nodes, each broker and controller, on 127.0.0.1: every internal topic and every topic the
     * brokers create get one replica per node, and writes need all but one ({@code min.insync.replicas}).
     * Its data lives in {@code dataDir}, formatted on first use with the cluster's id and kept on close.
     * Returns once the node serves, which takes a majority of the controllers: start the nodes at once.
     * For the failover tests, which run each node in a JVM of its own.
     */
    static EmbeddedKafka startNode(Path dataDir, Node node) {
        return start(dataDir, node, false);
    }

    /**
     * One node of a local cluster.
     *
     * @param id the node's id, from 1
     * @param port its clients' port
     * @param controllerPorts the KRaft port of every node, node 1's first
     * @param clusterId the id every node's storage is formatted with
     */
    record Node(int id, int port, List<Integer> controllerPorts, String clusterId) {
        int nodes() {
            return controllerPorts.size();
        }

        String voters() {
            StringBuilder voters = new StringBuilder();
            for (int i = 0; i < controllerPorts.size(); i++) {
                voters.append(i == 0 ? "" : ",")
                        .append(i + 1)
                        .append('@')
                        .append(HOST)
                        .append(':')
                        .append(controllerPorts.get(i));
            }
            return voters.toString();
        }
    }

    private static EmbeddedKafka start(Path dataDir, Node node, boolean ownsDataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        Path logDir = dataDir.resolve("kraft");
        int port = node.port();
        try {
            Files.createDirectories(logDir);
            Properties properties = properties(logDir, node);
            KafkaConfig config = KafkaConfig.fromProps(properties, false);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(logDir, node);
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

    private static Properties properties(Path logDir, Node node) {
        int controllerPort = node.controllerPorts().get(node.id() - 1);
        String replicas = Integer.toString(node.nodes());
        // one node: one replica of everything; a cluster: every node a replica, all but one in sync
        String inSync = Integer.toString(Math.max(1, node.nodes() - 1));
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(node.id()));
        p.put("controller.quorum.voters", node.voters());
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + node.port() + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + node.port());
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("offsets.topic.replication.factor", replicas);
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", inSync);
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", inSync);
        p.put("default.replication.factor", replicas);
        p.put("min.insync.replicas", inSync);
        p.put("num.partitions", "12");
        p.put("auto.create.topics.enable", "true");
        // development: groups form at once, and tests may use short session timeouts
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("group.min.session.timeout.ms", "1000");
        // development: a node that crashed and starts again on its data is let back in 4 s, and a cluster
        // fences a lost node after 4 s (Kafka's 9 s otherwise): the controller refuses the new registration
        // until the old session expires, and a refused node retries once per heartbeat interval (2 s)
        p.put("broker.session.timeout.ms", "4000");
        p.put("broker.heartbeat.interval.ms", "1000");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("log.cleaner.enable", "false");
        return p;
    }

    private static void format(Path logDir, Node node) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setNodeId(node.id())
                .setClusterId(node.clusterId())
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

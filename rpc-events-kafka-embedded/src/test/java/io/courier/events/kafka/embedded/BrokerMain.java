package io.courier.events.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.testkit.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The embedded Kafka in a JVM of its own, for the fault tests: {@code BrokerMain <dataDir> <port>
 * <controllerPort>} (one node), or {@code BrokerMain <dataDir> <port> <nodeId> <clusterId>
 * <controllerPort,...>} (a node of a cluster); prints {@code BROKER READY <bootstrap>} and runs until
 * killed.
 */
public final class BrokerMain {

    private BrokerMain() {}

    /** Starts it in a JVM of its own on {@code dataDir} and the ports, and waits until it serves. */
    static ChildJvm start(Path dataDir, int port, int controllerPort) throws InterruptedException {
        return awaitReady(ChildJvm.start(
                BrokerMain.class,
                List.of("-Xmx512m"),
                dataDir.toString(),
                Integer.toString(port),
                Integer.toString(controllerPort)));
    }

    /** Starts node {@code node} of a cluster in a JVM of its own, without waiting: it serves once a majority runs. */
    static ChildJvm launch(Path dataDir, EmbeddedKafka.Node node) {
        return ChildJvm.start(
                BrokerMain.class,
                List.of("-Xmx384m"),
                dataDir.toString(),
                Integer.toString(node.port()),
                Integer.toString(node.id()),
                node.clusterId(),
                node.controllerPorts().stream().map(String::valueOf).collect(Collectors.joining(",")));
    }

    /** Waits until {@code broker} serves. */
    static ChildJvm awaitReady(ChildJvm broker) throws InterruptedException {
        assertThat(broker.awaitLine(line -> line.startsWith("BROKER READY"), Duration.ofSeconds(90)))
                .as(broker::output)
                .isTrue();
        return broker;
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        EmbeddedKafka kafka = args.length == 3
                ? EmbeddedKafka.start(dir, port, Integer.parseInt(args[2]))
                : EmbeddedKafka.startNode(
                        dir,
                        new EmbeddedKafka.Node(
                                Integer.parseInt(args[2]),
                                port,
                                Arrays.stream(args[4].split(","))
                                        .map(Integer::valueOf)
                                        .toList(),
                                args[3]));
        System.out.println("BROKER READY " + kafka.bootstrapServers());
        Thread.currentThread().join();
    }
}

package io.courier.events.kafka.embedded;

import io.courier.api.event.contract.BrokerRestartContract;
import io.courier.api.event.contract.RestartableBrokerHarness;
import io.courier.testkit.ChildJvm;
import io.courier.testkit.RestartPorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BrokerRestartContract} on a three-node Kafka (KRaft, each node broker and controller) in three
 * JVMs on 127.0.0.1, topics with three replicas and {@code min.insync.replicas} 2: node 1 is SIGKILLed
 * under load and started again on its data. The controllers fence it after the brokers' session
 * timeout (the embedded broker's 4 s), the partitions it led move to the others, and publishing goes on.
 */
class KafkaClusterTest extends BrokerRestartContract {

    @TempDir
    static Path dir;

    private static final List<EmbeddedKafka.Node> nodes = new ArrayList<>();
    private static final List<ChildJvm> jvms = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        // a killed node comes back on its ports: below the ephemeral range, which no client's or peer's
        // connection can take while it is down
        List<Integer> controllers = List.of(RestartPorts.pick(), RestartPorts.pick(), RestartPorts.pick());
        String clusterId = Uuid.randomUuid().toString();
        for (int id = 1; id <= 3; id++) {
            EmbeddedKafka.Node node = new EmbeddedKafka.Node(id, RestartPorts.pick(), controllers, clusterId);
            nodes.add(node);
            jvms.add(BrokerMain.launch(dir.resolve("node-" + id), node));
        }
        for (ChildJvm jvm : jvms) {
            BrokerMain.awaitReady(jvm);
        }
    }

    @AfterAll
    static void stop() {
        jvms.forEach(ChildJvm::close);
    }

    @Override
    protected RestartableBrokerHarness harness() {
        return new RestartableBrokerHarness() {
            @Override
            public String name() {
                return "kafka";
            }

            @Override
            public String describe() {
                return "kafka 3-node KRaft cluster (replicas 3, min.insync.replicas 2), node 1";
            }

            @Override
            public Map<String, String> settings() {
                return Map.of(
                        "courier.events.broker", "kafka",
                        "courier.events.kafka.bootstrap-servers",
                                nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(",")),
                        "courier.events.kafka.partitions", "3",
                        "courier.events.kafka.replication-factor", "3",
                        "courier.events.kafka.session-timeout-millis", "6000",
                        "courier.events.kafka.delivery-timeout-millis", "30000",
                        "courier.events.kafka.max-block-millis", "5000");
            }

            @Override
            public boolean servesWithoutTheKilledNode() {
                return true;
            }

            @Override
            public void kill() throws InterruptedException {
                jvms.get(0).close(); // SIGKILL
                jvms.get(0).awaitExit(java.time.Duration.ofSeconds(10));
            }

            @Override
            public void restart() throws InterruptedException {
                jvms.set(0, BrokerMain.awaitReady(BrokerMain.launch(dir.resolve("node-1"), nodes.get(0))));
            }
        };
    }
}

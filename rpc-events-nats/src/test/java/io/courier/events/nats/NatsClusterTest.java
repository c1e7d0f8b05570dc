package io.courier.events.nats;

import static org.awaitility.Awaitility.await;

import io.courier.api.event.contract.BrokerRestartContract;
import io.courier.api.event.contract.RestartableBrokerHarness;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link BrokerRestartContract} on a three-node JetStream cluster (three nats-server processes on
 * 127.0.0.1 routed to each other, each with its store), streams with three replicas: node n1 is killed
 * under load and started again. The other two keep a quorum, so publishing goes on; clients connected
 * to n1 move to another node and pull again.
 */
class NatsClusterTest extends BrokerRestartContract {

    private static List<NatsServer> nodes;

    @BeforeAll
    static void start() throws Exception {
        nodes = NatsServer.cluster(3);
        // The cluster elects its JetStream leader after the routes are up, and may answer before all three
        // nodes have joined its meta group: a stream of three replicas is then refused ("no suitable peers
        // for placement"). Wait until one can be placed.
        Options options = new Options.Builder().servers(urls().split(",")).build();
        try (Connection connection = Nats.connect(options)) {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> placesThreeReplicas(connection.jetStreamManagement()));
        }
    }

    private static boolean placesThreeReplicas(JetStreamManagement management) throws Exception {
        String probe = "placement-probe";
        management.addStream(StreamConfiguration.builder()
                .name(probe)
                .subjects(probe)
                .replicas(3)
                .storageType(StorageType.Memory)
                .build());
        return management.deleteStream(probe);
    }

    @AfterAll
    static void stop() throws Exception {
        if (nodes != null) {
            for (NatsServer node : nodes) {
                node.close();
            }
        }
    }

    private static String urls() {
        return nodes.stream().map(NatsServer::url).collect(Collectors.joining(","));
    }

    @Override
    protected RestartableBrokerHarness harness() {
        return new RestartableBrokerHarness() {
            @Override
            public String name() {
                return "nats";
            }

            @Override
            public String describe() {
                return "nats 3-node JetStream cluster (replicas 3), node n1";
            }

            @Override
            public Map<String, String> settings() {
                return Map.of(
                        "courier.events.broker", "nats",
                        "courier.events.nats.servers", urls(),
                        "courier.events.nats.replicas", "3",
                        "courier.events.nats.partitions", "4",
                        "courier.events.nats.ack-wait-millis", "2000");
            }

            @Override
            public String diagnose() {
                return ConsumerStates.of(urls());
            }

            @Override
            public boolean servesWithoutTheKilledNode() {
                return true;
            }

            @Override
            public void kill() throws InterruptedException {
                nodes.get(0).kill();
            }

            @Override
            public void restart() throws java.io.IOException {
                nodes.get(0).restart();
            }
        };
    }
}

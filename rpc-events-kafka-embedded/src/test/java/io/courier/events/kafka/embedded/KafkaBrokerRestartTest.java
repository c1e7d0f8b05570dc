package io.courier.events.kafka.embedded;

import io.courier.api.event.contract.BrokerRestartContract;
import io.courier.api.event.contract.RestartableBrokerHarness;
import io.courier.testkit.ChildJvm;
import io.courier.testkit.RestartPorts;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BrokerRestartContract} on a single-node Kafka (KRaft) in a JVM of its own ({@link BrokerMain}),
 * killed and started again on its data directory and ports. A publish during the outage waits in the
 * producer and is stored after the restart, or fails after the 10 s delivery timeout set here.
 */
class KafkaBrokerRestartTest extends BrokerRestartContract {

    @TempDir
    static Path dir;

    private static int port;
    private static int controllerPort;
    private static ChildJvm broker;

    @BeforeAll
    static void start() throws Exception {
        // restarted on the same ports: below the ephemeral range, which no client's connection can take meanwhile
        port = RestartPorts.pick();
        controllerPort = RestartPorts.pick();
        broker = BrokerMain.start(dir.resolve("kafka"), port, controllerPort);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    protected RestartableBrokerHarness harness() {
        return new RestartableBrokerHarness() {
            @Override
            public String name() {
                return "kafka";
            }

            @Override
            public Map<String, String> settings() {
                return Map.of(
                        "courier.events.broker", "kafka",
                        "courier.events.kafka.bootstrap-servers", "127.0.0.1:" + port,
                        "courier.events.kafka.partitions", "3",
                        "courier.events.kafka.replication-factor", "1",
                        "courier.events.kafka.session-timeout-millis", "6000",
                        "courier.events.kafka.delivery-timeout-millis", "10000",
                        "courier.events.kafka.max-block-millis", "1000");
            }

            @Override
            public void kill() throws InterruptedException {
                broker.close(); // SIGKILL
                broker.awaitExit(java.time.Duration.ofSeconds(10));
            }

            @Override
            public void restart() throws InterruptedException {
                broker = BrokerMain.start(dir.resolve("kafka"), port, controllerPort);
            }
        };
    }
}

package io.courier.events.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.testkit.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The embedded Kafka in a JVM of its own, for the fault tests: {@code BrokerMain <dataDir> <port>
 * <controllerPort>}; prints {@code BROKER READY <bootstrap>} and runs until killed.
 */
public final class BrokerMain {

    private BrokerMain() {}

    /** Starts it in a JVM of its own on {@code dataDir} and the ports, and waits until it serves. */
    static ChildJvm start(Path dataDir, int port, int controllerPort) throws InterruptedException {
        ChildJvm broker = ChildJvm.start(
                BrokerMain.class,
                List.of("-Xmx512m"),
                dataDir.toString(),
                Integer.toString(port),
                Integer.toString(controllerPort));
        assertThat(broker.awaitLine(line -> line.startsWith("BROKER READY"), Duration.ofSeconds(90)))
                .as(broker::output)
                .isTrue();
        return broker;
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafka kafka =
                EmbeddedKafka.start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        System.out.println("BROKER READY " + kafka.bootstrapServers());
        Thread.currentThread().join();
    }
}

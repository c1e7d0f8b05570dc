package io.courier.events.kafka.embedded;

import java.nio.file.Path;

/**
 * The embedded Kafka in a JVM of its own, for the fault tests: {@code BrokerMain <dataDir> <port>
 * <controllerPort>}; prints {@code BROKER READY <bootstrap>} and runs until killed.
 */
public final class BrokerMain {

    private BrokerMain() {}

    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafka kafka =
                EmbeddedKafka.start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        System.out.println("BROKER READY " + kafka.bootstrapServers());
        Thread.currentThread().join();
    }
}

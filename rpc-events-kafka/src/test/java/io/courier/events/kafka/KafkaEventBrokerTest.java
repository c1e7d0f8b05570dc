package io.courier.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.config.ConfigValueException;
import io.courier.api.event.EventBroker;
import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventBrokers;
import io.courier.api.event.EventCapability;
import io.courier.api.event.PublishReceipt;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Kafka engine without a Kafka: what it declares, how it refuses a bad setting, and that a
 * publish to a cluster that is not there fails its future instead of hanging or vanishing. The
 * behaviour against a real broker is the events contract, run by rpc-events-kafka-embedded (which
 * depends on this module, so the broker cannot be started from here).
 */
@Timeout(60)
class KafkaEventBrokerTest {

    @Test
    void declaresEveryCapability_throughTheKafkaFactory() throws IOException {
        try (EventBroker broker = EventBrokers.open(EventBrokerContext.of("shop", settings(closedPort())))) {
            assertThat(broker).isInstanceOf(KafkaEventBroker.class);
            assertThat(broker.capabilities()).containsExactlyInAnyOrder(EventCapability.values());
        }
    }

    @Test
    void invalidSetting_isRefusedNamingTheKey() {
        assertThatThrownBy(() -> KafkaSettings.from(
                        EventBrokerContext.of("shop", Map.of("courier.events.kafka.partitions", "0"))))
                .isInstanceOf(ConfigValueException.class)
                .hasMessageContaining("courier.events.kafka.partitions");
    }

    @Test
    void publishWithNoClusterThere_failsItsFuture_withinMaxBlock() throws IOException {
        try (EventBroker broker = EventBrokers.open(EventBrokerContext.of("shop", settings(closedPort())))) {
            CompletableFuture<PublishReceipt> publish =
                    broker.publisher("orders", String.class).publish("k", "o-1");
            assertThatThrownBy(() -> publish.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("orders");
        }
    }

    private static Map<String, String> settings(int port) {
        return Map.of(
                "courier.events.broker", "kafka",
                "courier.events.kafka.bootstrap-servers", "127.0.0.1:" + port,
                "courier.events.kafka.create-topics", "false",
                "courier.events.kafka.max-block-millis", "1000");
    }

    /** A 127.0.0.1 port nothing listens on (bound, then released). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

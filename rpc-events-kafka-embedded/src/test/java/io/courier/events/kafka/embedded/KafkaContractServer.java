package io.courier.events.kafka.embedded;

import io.courier.api.event.contract.EventBrokerHarness;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One embedded Kafka (KRaft) per test class, reached through the {@code kafka} factory: the events contract's server. */
final class KafkaContractServer implements BeforeAllCallback, AfterAllCallback, EventBrokerHarness {

    private EmbeddedKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = EmbeddedKafka.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of(
                "courier.events.broker", "kafka",
                "courier.events.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "courier.events.kafka.partitions", "3",
                "courier.events.kafka.replication-factor", "1",
                "courier.events.kafka.session-timeout-millis", "6000");
    }
}

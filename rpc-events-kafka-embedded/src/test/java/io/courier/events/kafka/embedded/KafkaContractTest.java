package io.courier.events.kafka.embedded;

import io.courier.api.event.contract.EventBrokerContract;
import io.courier.api.event.contract.EventBrokerHarness;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link EventBrokerContract} on a real (embedded, KRaft) Kafka, through the {@code kafka} factory. */
class KafkaContractTest extends EventBrokerContract {

    @RegisterExtension
    static final KafkaContractServer kafka = new KafkaContractServer();

    @Override
    protected EventBrokerHarness harness() {
        return kafka;
    }
}

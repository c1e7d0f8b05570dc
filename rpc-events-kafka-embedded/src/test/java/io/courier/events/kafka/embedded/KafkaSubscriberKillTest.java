package io.courier.events.kafka.embedded;

import io.courier.api.event.contract.EventBrokerHarness;
import io.courier.api.event.contract.SubscriberKillContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SubscriberKillContract} on a real (embedded, KRaft) Kafka: the killed member's partitions move within the 6 s session timeout. */
class KafkaSubscriberKillTest extends SubscriberKillContract {

    @RegisterExtension
    static final KafkaContractServer kafka = new KafkaContractServer();

    @Override
    protected EventBrokerHarness harness() {
        return kafka;
    }
}

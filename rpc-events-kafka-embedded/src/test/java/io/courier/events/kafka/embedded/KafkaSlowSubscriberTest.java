package io.courier.events.kafka.embedded;

import io.courier.api.event.contract.EventBrokerHarness;
import io.courier.api.event.contract.SlowSubscriberContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SlowSubscriberContract} on the module's real broker: the bound is the consumer's {@code max-poll-records}, 50 here. */
class KafkaSlowSubscriberTest extends SlowSubscriberContract {

    @RegisterExtension
    static final KafkaContractServer kafka = new KafkaContractServer();

    @Override
    protected EventBrokerHarness harness() {
        return kafka;
    }

    @Override
    protected int bound() {
        return 50;
    }
}

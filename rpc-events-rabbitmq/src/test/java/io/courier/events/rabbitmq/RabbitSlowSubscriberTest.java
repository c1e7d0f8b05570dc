package io.courier.events.rabbitmq;

import io.courier.api.event.contract.EventBrokerHarness;
import io.courier.api.event.contract.SlowSubscriberContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SlowSubscriberContract} on the module's real broker: the bound is the prefetch of one. */
class RabbitSlowSubscriberTest extends SlowSubscriberContract {

    @RegisterExtension
    static final RabbitContractServer rabbit = new RabbitContractServer();

    @Override
    protected EventBrokerHarness harness() {
        return rabbit;
    }

    @Override
    protected int bound() {
        return 1;
    }
}

package io.courier.events.rabbitmq;

import io.courier.api.event.contract.EventBrokerHarness;
import io.courier.api.event.contract.SubscriberKillContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SubscriberKillContract} on a real RabbitMQ node: the killed member's unacknowledged event is requeued when its connection drops. */
class RabbitSubscriberKillTest extends SubscriberKillContract {

    @RegisterExtension
    static final RabbitContractServer rabbit = new RabbitContractServer();

    @Override
    protected EventBrokerHarness harness() {
        return rabbit;
    }
}

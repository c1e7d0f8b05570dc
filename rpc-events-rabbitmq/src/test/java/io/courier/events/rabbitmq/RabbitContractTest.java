package io.courier.events.rabbitmq;

import io.courier.api.event.contract.EventBrokerContract;
import io.courier.api.event.contract.EventBrokerHarness;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link EventBrokerContract} on a real RabbitMQ node, through the {@code amqp} factory: the replays
 * and a group of several members are refused in words, every other promise kept.
 */
class RabbitContractTest extends EventBrokerContract {

    @RegisterExtension
    static final RabbitContractServer rabbit = new RabbitContractServer();

    @Override
    protected EventBrokerHarness harness() {
        return rabbit;
    }
}

package io.courier.events.rabbitmq;

import io.courier.api.event.contract.BrokerRestartContract;
import io.courier.api.event.contract.RestartableBrokerHarness;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link BrokerRestartContract} on the module's RabbitMQ node, its Erlang VM SIGKILLed and the node
 * started again on its data: the client's automatic recovery reconnects and consumes again, a quorum
 * queue keeps every confirmed event, and a publish waiting for its confirm when the connection
 * dropped fails at once.
 */
class RabbitBrokerRestartTest extends BrokerRestartContract {

    @RegisterExtension
    static final RabbitContractServer rabbit = new RabbitContractServer();

    @Override
    protected RestartableBrokerHarness harness() {
        return rabbit;
    }
}

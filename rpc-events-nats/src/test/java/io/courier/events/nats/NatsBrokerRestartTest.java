package io.courier.events.nats;

import io.courier.api.event.contract.BrokerRestartContract;
import io.courier.api.event.contract.RestartableBrokerHarness;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link BrokerRestartContract} on the module's nats-server (its store on disk): the client reconnects
 * by itself and the subscription pulls again at once; a publish whose JetStream acknowledgement was
 * lost with the server fails after the client's request timeout.
 */
class NatsBrokerRestartTest extends BrokerRestartContract {

    @RegisterExtension
    static final NatsContractServer nats = new NatsContractServer();

    @Override
    protected RestartableBrokerHarness harness() {
        return nats;
    }
}

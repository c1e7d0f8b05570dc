package io.courier.events.nats;

import io.courier.api.event.contract.EventBrokerContract;
import io.courier.api.event.contract.EventBrokerHarness;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link EventBrokerContract} on a real nats-server with JetStream, through the {@code nats} factory. */
class NatsContractTest extends EventBrokerContract {

    @RegisterExtension
    static final NatsContractServer nats = new NatsContractServer();

    @Override
    protected EventBrokerHarness harness() {
        return nats;
    }
}

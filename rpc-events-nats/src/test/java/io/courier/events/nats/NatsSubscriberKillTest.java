package io.courier.events.nats;

import io.courier.api.event.contract.EventBrokerHarness;
import io.courier.api.event.contract.SubscriberKillContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SubscriberKillContract} on a real nats-server: the killed member's unacknowledged events come back after the 2 s AckWait. */
class NatsSubscriberKillTest extends SubscriberKillContract {

    @RegisterExtension
    static final NatsContractServer nats = new NatsContractServer();

    @Override
    protected EventBrokerHarness harness() {
        return nats;
    }
}

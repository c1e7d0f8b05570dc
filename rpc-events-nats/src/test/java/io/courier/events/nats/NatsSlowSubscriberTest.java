package io.courier.events.nats;

import io.courier.api.event.contract.EventBrokerHarness;
import io.courier.api.event.contract.SlowSubscriberContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SlowSubscriberContract} on the module's real broker: the bound is one unacknowledged event per partition, 4 partitions here. */
class NatsSlowSubscriberTest extends SlowSubscriberContract {

    @RegisterExtension
    static final NatsContractServer nats = new NatsContractServer();

    @Override
    protected EventBrokerHarness harness() {
        return nats;
    }

    @Override
    protected int bound() {
        return 4;
    }
}

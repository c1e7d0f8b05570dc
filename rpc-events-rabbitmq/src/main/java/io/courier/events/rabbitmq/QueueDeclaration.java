package io.courier.events.rabbitmq;

import io.courier.api.event.SubscriptionOptions;
import java.io.IOException;

/** Declares (again) the queues of a subscription's group: how a member gets back a queue deleted under it. */
@FunctionalInterface
interface QueueDeclaration {

    /** Declares and binds the group's queue of {@code options} and its dead-letter topic's queue. */
    void declare(SubscriptionOptions<?> options) throws IOException;
}

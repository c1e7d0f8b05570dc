package io.courier.architecture.planted;

import io.courier.transport.internal.channel.NotSent;

/** Planted: a test of another module that reaches into rpc-transport's {@code .internal} package. */
class ReachesIntoTransportTest {
    Class<?> reached() {
        return NotSent.class;
    }
}

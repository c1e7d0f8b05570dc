package io.courier.test;

import org.junit.jupiter.api.Test;

/** Run by {@link CourierExtensionTest}: asks for {@link TestEvents} in a class without {@code events = true}. */
@CourierTest
class EventsNotAskedSample {

    @Test
    void waitsForAnEvent(TestEvents events) {
        events.bootstrapServers();
    }
}

package io.courier.spring.boot.autoconfigure;

import io.courier.api.event.EventPublisher;
import io.courier.api.event.EventTopic;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.Courier;
import org.springframework.core.ResolvableType;

/**
 * The publisher an {@link EventTopic} injection point asks for: the application's publisher of the
 * topic, for the event type the declared {@code EventPublisher<E>} names. The first one opens the
 * application's event broker.
 */
final class EventPublishers {

    private EventPublishers() {}

    /**
     * {@code courier.events().publisher(topic, E)} for an injection point declared as {@code type}.
     *
     * @throws ConfigurationException naming {@code where} if the type is not {@code EventPublisher<E>}
     *     with {@code E} a class, or the topic is not a valid name
     */
    static EventPublisher<?> publisher(Courier courier, EventTopic topic, ResolvableType type, String where) {
        Class<?> eventType =
                type.toClass() == EventPublisher.class ? type.getGeneric(0).resolve() : null;
        if (eventType == null) {
            throw new ConfigurationException(
                    where + ": type " + type + " (expected: EventPublisher<E> with E the event class)");
        }
        try {
            return courier.events().publisher(topic.value(), eventType);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(where + ": " + e.getMessage());
        }
    }
}

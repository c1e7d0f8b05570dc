package io.courier.events.core;

import io.courier.api.event.EventPublisher;
import io.courier.api.event.SubscriptionOptions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * A broker's publishers, one per topic, each of one event type (what {@link
 * io.courier.api.event.EventBroker#publisher} promises): the same instance for the same topic and
 * type, and a clear refusal for another type on a topic that has a publisher. Thread-safe.
 */
public final class TypedPublishers {

    private record Entry(Class<?> type, EventPublisher<?> publisher) {}

    private final Map<String, Entry> byTopic = new ConcurrentHashMap<>();

    /**
     * The publisher of {@code type} on {@code topic}, made by {@code make} on first use.
     *
     * @throws IllegalArgumentException if {@code topic} is not a valid topic name, or its publisher
     *     was made for another type
     */
    public <E> EventPublisher<E> get(
            String topic, Class<E> type, BiFunction<String, Class<E>, EventPublisher<E>> make) {
        SubscriptionOptions.builder(topic, "publisher", type).build(); // checks the name
        Entry entry = byTopic.computeIfAbsent(topic, name -> new Entry(type, make.apply(name, type)));
        if (!entry.type().equals(type)) {
            throw new IllegalArgumentException("publisher of topic '" + topic + "': type " + type.getName()
                    + " (expected: " + entry.type().getName() + ", the type its publisher was made with)");
        }
        @SuppressWarnings("unchecked")
        EventPublisher<E> typed = (EventPublisher<E>) entry.publisher();
        return typed;
    }

    /** The topics that have a publisher (a broker's snapshot shows them). */
    public Set<String> topics() {
        return Set.copyOf(byTopic.keySet());
    }
}

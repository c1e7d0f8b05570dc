package io.courier.api.event;

import io.courier.spi.ExtensionLoader;

/** Opens the {@link EventBroker} that {@code courier.events.broker} names, and tells which beans subscribe. */
public final class EventBrokers {

    private EventBrokers() {}

    /**
     * The broker {@link EventKeys#BROKER} names in {@code context}, from its {@link
     * EventBrokerFactory}. The caller owns and closes it.
     *
     * @throws IllegalStateException if no factory of that name is on the class path (the message
     *     names the module to add), or the broker cannot start
     */
    public static EventBroker open(EventBrokerContext context) {
        String name = context.setting(EventKeys.BROKER);
        ExtensionLoader<EventBrokerFactory> loader = ExtensionLoader.of(EventBrokerFactory.class);
        if (!loader.has(name)) {
            throw new IllegalStateException(EventKeys.BROKER.name() + ": '" + name + "' (expected: one of "
                    + loader.names() + "; 'embedded' needs io.courier:rpc-events-kafka-embedded on the class path,"
                    + " 'kafka' needs io.courier:rpc-events-kafka, 'nats' io.courier:rpc-events-nats, 'amqp'"
                    + " io.courier:rpc-events-rabbitmq)");
        }
        return loader.get(name).create(context);
    }

    /**
     * Whether {@link EventBroker#subscribeAnnotated} would subscribe anything for a bean of {@code
     * type}: a public method of it carries {@link Subscribe}, or overrides one that does (as a
     * class-based proxy's methods do). Lets an application open its broker only when needed.
     */
    public static boolean hasSubscribeMethods(Class<?> type) {
        return AnnotatedSubscribers.any(type);
    }
}

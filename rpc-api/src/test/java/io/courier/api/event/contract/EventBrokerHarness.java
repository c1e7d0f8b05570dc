package io.courier.api.event.contract;

import java.util.Map;

/**
 * What a broker module tells the events contracts ({@link EventBrokerContract}, {@link
 * SubscriberKillContract}) about the broker server its test class started: its name and the
 * settings that reach it. The server is started once per test class and shared by its tests; every
 * test works on topics of its own.
 */
public interface EventBrokerHarness {

    /** The broker's name as {@code courier.events.broker} names it ({@code kafka}, {@code nats}, {@code amqp}). */
    String name();

    /**
     * The {@code courier.events.*} settings of a broker on the running server, {@code
     * courier.events.broker} among them, with whatever keeps tests short (a short session timeout,
     * few partitions).
     */
    Map<String, String> settings();
}

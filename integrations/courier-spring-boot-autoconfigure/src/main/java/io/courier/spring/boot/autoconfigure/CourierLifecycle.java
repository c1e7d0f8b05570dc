package io.courier.spring.boot.autoconfigure;

import io.courier.api.Export;
import io.courier.bootstrap.Courier;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Joins Courier to the context's lifecycle. {@link #start()}, once every singleton exists, exports
 * each bean whose class carries {@link Export} (the server starts and the services are registered),
 * then subscribes the {@code @Subscribe} methods of every other singleton bean ({@link
 * SubscriberBeans}). {@link #stop(Runnable)} runs Courier's graceful close in the phase of Spring
 * Boot's web server graceful shutdown, so both drain together, within {@code
 * spring.lifecycle.timeout-per-shutdown-phase}: first every subscription stops polling, lets the
 * handlers in flight finish, commits and leaves its group; then the application leaves the
 * registry, lets consumers drain, answers what was accepted, and closes.
 */
public final class CourierLifecycle implements SmartLifecycle {

    /** The phase of Spring Boot's {@code WebServerGracefulShutdownLifecycle}: after the web server starts, stopped with its drain. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private static final Logger log = LoggerFactory.getLogger(CourierLifecycle.class);

    /** Where the application is in its life, for the health indicator. */
    public enum State {
        /** The context is starting; nothing is exported yet. */
        STARTING,
        /** Every {@code @Export} bean is exported. */
        SERVING,
        /** Spring's shutdown has begun the graceful close. */
        STOPPING,
        /** Closed. */
        STOPPED
    }

    private final Courier courier;
    private final ApplicationContext context;
    private final SubscriberBeans subscribers;
    private volatile State state = State.STARTING;

    CourierLifecycle(Courier courier, ApplicationContext context, SubscriberBeans subscribers) {
        this.courier = courier;
        this.context = context;
        this.subscribers = subscribers;
    }

    @Override
    public void start() {
        Map<String, Object> exports = context.getBeansWithAnnotation(Export.class);
        exports.forEach((name, bean) -> courier.export(bean));
        state = State.SERVING;
        if (!exports.isEmpty()) {
            log.info(
                    "Exported {} Courier service bean(s) {} on port {}",
                    exports.size(),
                    exports.keySet(),
                    courier.port());
        }
        Map<String, Object> subscribing = subscribers.beans();
        if (!subscribing.isEmpty()) {
            subscribing.values().forEach(courier.events()::subscribeAnnotated);
            log.info("Subscribed {} Courier subscriber bean(s) {}", subscribing.size(), subscribing.keySet());
        }
    }

    @Override
    public void stop() {
        state = State.STOPPING;
        courier.close();
        state = State.STOPPED;
    }

    @Override
    public void stop(Runnable callback) {
        state = State.STOPPING;
        Thread closing = new Thread(
                () -> {
                    try {
                        courier.close();
                    } finally {
                        state = State.STOPPED;
                        callback.run();
                    }
                },
                "courier-graceful-shutdown");
        closing.start();
    }

    @Override
    public boolean isRunning() {
        return state == State.SERVING;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Where the application is in its life. */
    public State state() {
        return state;
    }
}

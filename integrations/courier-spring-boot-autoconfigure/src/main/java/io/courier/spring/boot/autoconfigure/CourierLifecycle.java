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
 * each bean whose class carries {@link Export} (the server starts and the services are registered).
 * {@link #stop(Runnable)} runs Courier's graceful close (leave the registry, let consumers drain,
 * answer what was accepted, then close) in the phase of Spring Boot's web server graceful shutdown,
 * so both drain together, within {@code spring.lifecycle.timeout-per-shutdown-phase}.
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
    private volatile State state = State.STARTING;

    CourierLifecycle(Courier courier, ApplicationContext context) {
        this.courier = courier;
        this.context = context;
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

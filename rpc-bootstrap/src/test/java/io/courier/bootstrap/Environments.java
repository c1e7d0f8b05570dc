package io.courier.bootstrap;

import io.courier.bootstrap.internal.config.Environment;
import java.util.Map;

/** Start-up environments for tests: no system properties or variables of the JVM leak in. */
public final class Environments {

    private Environments() {}

    /** No {@code courier.*} system properties, no {@code COURIER_*} variables, the test class path. */
    static Environment clean() {
        return of(Map.of(), Map.of());
    }

    static Environment of(Map<String, String> systemProperties, Map<String, String> variables) {
        return new Environment(systemProperties, variables, Environments.class.getClassLoader());
    }

    /** A builder in a clean environment with no shutdown hook, on 127.0.0.1 and a free port. */
    public static CourierBuilder builder() {
        return Courier.builder(clean()).shutdownHook(false).host("127.0.0.1").port(0);
    }

    /** {@link #builder()} for application {@code name}, with the JVM's embedded ZooKeeper registry. */
    public static CourierBuilder embedded(String name) {
        return builder().application(name).registry("embedded");
    }
}

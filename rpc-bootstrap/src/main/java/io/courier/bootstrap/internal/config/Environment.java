package io.courier.bootstrap.internal.config;

import io.courier.api.filter.FilterFactory;
import io.courier.spi.ExtensionLoader;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What start-up reads from outside the builder: system properties, environment variables and the
 * class loader that holds {@code courier.properties}, scanned classes and extensions. Tests pass
 * their own instead of changing the JVM's.
 *
 * @param systemProperties the system properties to read
 * @param variables the environment variables to read
 * @param classLoader where resources and scanned classes come from
 */
public record Environment(
        Map<String, String> systemProperties, Map<String, String> variables, ClassLoader classLoader) {

    /**
     * The option group of the circuit breakers, which are not chain filters: their state lives in the
     * cluster's per-endpoint invoker (see {@code BreakerSettings}).
     */
    static final String CIRCUIT_BREAKER = "circuit-breaker";

    public Environment {
        systemProperties = Map.copyOf(systemProperties);
        variables = Map.copyOf(variables);
    }

    /** The JVM's own system properties and environment, and the thread's context class loader. */
    public static Environment system() {
        Map<String, String> properties = new HashMap<>();
        Properties system = System.getProperties();
        for (String name : system.stringPropertyNames()) {
            properties.put(name, system.getProperty(name));
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return new Environment(
                properties, System.getenv(), loader != null ? loader : Environment.class.getClassLoader());
    }

    /**
     * The filter names {@code courier.filter.*} keys may use: the filter extensions on the class path,
     * and {@code circuit-breaker}, whose breakers the cluster keeps per provider endpoint rather than
     * in the chain.
     */
    public Set<String> filterNames() {
        Set<String> names =
                new TreeSet<>(ExtensionLoader.of(FilterFactory.class).names());
        names.add(CIRCUIT_BREAKER);
        return names;
    }
}

package io.courier.bootstrap.internal.config;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyRegistry;
import java.util.List;
import java.util.Set;

/**
 * Bootstrap's view of the {@link ConfigKeyRegistry}: every key of every catalog on the class path
 * (bootstrap's own are listed by {@link io.courier.bootstrap.config.BootstrapKeyCatalog}; the filters', security's and the other
 * modules' by theirs). {@code docs/configuration.md} lists exactly these keys with the same types
 * and defaults (a test fails otherwise).
 *
 * <p>Besides the declared keys there are two open families, patterns over declared keys that the
 * registry recognises: {@code courier.service.<interface>.<suffix>} overrides a
 * {@code courier.consumer.*} or {@code courier.provider.*} key (or a filter key) for one service, and
 * {@code courier.filter.[<method>.]<filter>.<key>} configures a filter (for one method).
 */
public final class ConfigKeys {

    static final String CONSUMER_PREFIX = ConfigKeyRegistry.CONSUMER_PREFIX;
    static final String PROVIDER_PREFIX = ConfigKeyRegistry.PROVIDER_PREFIX;
    /** Per-service overrides: {@code courier.service.<interface FQN>.<suffix>}. */
    static final String SERVICE_PREFIX = ConfigKeyRegistry.SERVICE_PREFIX;
    /** Filter settings: {@code courier.filter.<filter name>.<key>}, read by the filters themselves. */
    static final String FILTER_PREFIX = ConfigKeyRegistry.FILTER_PREFIX;

    /** The families of open keys, as the configuration reference lists them. */
    static final Set<String> FAMILIES =
            Set.of(SERVICE_PREFIX + "<interface>.<suffix>", FILTER_PREFIX + "<filter>.<key>");

    private ConfigKeys() {}

    /** The registry of every catalog on the class path. */
    public static ConfigKeyRegistry registry() {
        return ConfigKeyRegistry.loaded();
    }

    /** Every declared key, catalog by catalog. */
    public static List<ConfigKey<?>> all() {
        return registry().keys();
    }

    /** The declared key named {@code name}, or {@code null}. */
    public static ConfigKey<?> find(String name) {
        return registry().find(name).orElse(null);
    }

    /** The declared key set by the environment variable {@code variable}, or {@code null}. */
    static ConfigKey<?> findByEnvironmentName(String variable) {
        return registry().findByEnvironmentName(variable).orElse(null);
    }

    /** The consumer or provider key {@code suffix} names in a per-service override, or {@code null}. */
    static ConfigKey<?> findServiceSuffix(String suffix) {
        return registry().findServiceSuffix(suffix).orElse(null);
    }

    /** The suffixes a per-service override may end with, longest first so that matching is greedy. */
    static List<String> serviceSuffixes() {
        return registry().serviceSuffixes();
    }
}

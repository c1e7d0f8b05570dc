package io.courier.bootstrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The index of every configuration key Courier reads: the keys themselves are defined by area in
 * {@link ApplicationKeys}, {@link ServerKeys}, {@link ClientKeys}, {@link WireKeys}, {@link
 * RegistryKeys} and {@link ServiceKeys}. {@code docs/configuration.md} lists exactly these keys with
 * the same types and defaults ({@code ConfigurationDocsTest} fails otherwise).
 *
 * <p>Besides these fixed keys there are two open families, whose tails are checked when they are
 * read: {@code courier.service.<interface>.<suffix>} overrides a {@code courier.consumer.*} or
 * {@code courier.provider.*} key (or a filter key) for one service, and
 * {@code courier.filter.<filter>.<key>} configures a filter.
 */
public final class ConfigKeys {

    static final String CONSUMER_PREFIX = "courier.consumer.";
    static final String PROVIDER_PREFIX = "courier.provider.";
    /** Per-service overrides: {@code courier.service.<interface FQN>.<suffix>}. */
    static final String SERVICE_PREFIX = "courier.service.";
    /** Filter settings: {@code courier.filter.<filter name>.<key>}, read by the filters themselves. */
    static final String FILTER_PREFIX = "courier.filter.";

    /** The families of open keys, as the configuration reference lists them. */
    static final Set<String> FAMILIES =
            Set.of(SERVICE_PREFIX + "<interface>.<suffix>", FILTER_PREFIX + "<filter>.<key>");

    private static final int PREFIX_LENGTH = ConfigKey.PREFIX.length();
    private static final Map<String, ConfigKey<?>> BY_NAME = index(
            ApplicationKeys.keys(),
            ServerKeys.keys(),
            ClientKeys.keys(),
            WireKeys.keys(),
            RegistryKeys.keys(),
            ServiceKeys.keys());

    private ConfigKeys() {}

    @SafeVarargs
    private static Map<String, ConfigKey<?>> index(List<ConfigKey<?>>... groups) {
        Map<String, ConfigKey<?>> byName = new LinkedHashMap<>();
        for (List<ConfigKey<?>> group : groups) {
            for (ConfigKey<?> key : group) {
                if (byName.putIfAbsent(key.name(), key) != null) {
                    throw new IllegalStateException("configuration key defined twice: " + key.name());
                }
            }
        }
        return byName;
    }

    /**
     * The keys of one holder class, in the order it defines them. A holder does not touch this
     * class while it is initialised, so any holder may be loaded first.
     */
    static final class Definitions {
        private final List<ConfigKey<?>> keys = new ArrayList<>();

        <T> ConfigKey<T> define(String name, ValueType<T> type, T defaultValue, String defaultText, String meaning) {
            ConfigKey<T> key = new ConfigKey<>(name, type, defaultValue, defaultText, meaning);
            keys.add(key);
            return key;
        }

        public List<ConfigKey<?>> all() {
            return List.copyOf(keys);
        }
    }

    /** Every fixed key, in definition order. */
    public static List<ConfigKey<?>> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The fixed key named {@code name}, or {@code null}. */
    public static ConfigKey<?> find(String name) {
        return BY_NAME.get(name);
    }

    /** The fixed key set by the environment variable {@code variable}, or {@code null}. */
    static ConfigKey<?> findByEnvironmentName(String variable) {
        for (ConfigKey<?> key : BY_NAME.values()) {
            if (key.environmentName().equals(variable)) {
                return key;
            }
        }
        return null;
    }

    /**
     * The consumer or provider key that {@code suffix} names in a per-service override
     * ({@code timeout-millis} for {@code courier.consumer.timeout-millis}); {@code group} and
     * {@code version} name both sides' keys, and the consumer one is returned.
     */
    static ConfigKey<?> findServiceSuffix(String suffix) {
        ConfigKey<?> consumer = BY_NAME.get(CONSUMER_PREFIX + suffix);
        return consumer != null ? consumer : BY_NAME.get(PROVIDER_PREFIX + suffix);
    }

    /** The suffixes a per-service override may end with, longest first so that matching is greedy. */
    static List<String> serviceSuffixes() {
        return BY_NAME.keySet().stream()
                .filter(name -> name.startsWith(CONSUMER_PREFIX) || name.startsWith(PROVIDER_PREFIX))
                .map(name -> name.substring(name.indexOf('.', PREFIX_LENGTH) + 1))
                .distinct()
                .sorted((a, b) -> b.length() - a.length())
                .toList();
    }
}

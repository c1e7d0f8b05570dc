package io.courier.api.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a filter's options are named and found: every option is a declared key
 * {@code courier.filter.<filter>.<option>} (e.g. {@code courier.filter.rate-limit.qps}); a
 * per-method value puts the method's descriptor or name first
 * ({@code courier.filter.getUser(long).rate-limit.qps}, then
 * {@code courier.filter.getUser.rate-limit.qps}); the same names without {@code courier.filter.}
 * are the keys of {@code DynamicConfig#limits()}. Filters read typed values through
 * {@code FilterContext#setting(ConfigKey)} and its siblings, which use these names.
 */
public final class FilterSettings {

    /** Where dynamic limits come from, as messages name it. */
    public static final String DYNAMIC_ORIGIN = "dynamic limits";

    private FilterSettings() {}

    /** A filter option's key, {@code courier.filter.<option>}, read at bind time. */
    public static <T> ConfigKey<T> key(
            String option, ValueType<T> type, T defaultValue, String defaultText, String meaning) {
        return ConfigKey.of(ConfigKeyRegistry.FILTER_PREFIX + option, type, defaultValue, defaultText, meaning);
    }

    /** The option of a filter key: {@code rate-limit.qps} for {@code courier.filter.rate-limit.qps}. */
    public static String option(ConfigKey<?> key) {
        if (!key.name().startsWith(ConfigKeyRegistry.FILTER_PREFIX)) {
            throw new IllegalArgumentException(
                    "key: " + key.name() + " (expected: a filter option, " + ConfigKeyRegistry.FILTER_PREFIX + "...)");
        }
        return key.name().substring(ConfigKeyRegistry.FILTER_PREFIX.length());
    }

    /** The per-method forms of {@code key}, most specific first: by descriptor, then by method name. */
    public static List<String> methodKeys(ConfigKey<?> key, String descriptor, String methodName) {
        String option = option(key);
        return List.of(
                ConfigKeyRegistry.FILTER_PREFIX + descriptor + "." + option,
                ConfigKeyRegistry.FILTER_PREFIX + methodName + "." + option);
    }

    /**
     * A service-level dynamic value: {@code limits[<option>]}, parsed by {@code key}'s type.
     *
     * @throws ConfigValueException naming the option and {@value #DYNAMIC_ORIGIN}
     */
    public static <T> Optional<T> dynamic(Map<String, String> limits, ConfigKey<T> key) {
        String option = option(key);
        String text = limits.get(option);
        return text == null ? Optional.empty() : Optional.of(key.parse(text.trim(), option, DYNAMIC_ORIGIN));
    }

    /**
     * A per-method dynamic value: {@code limits[<descriptor>.<option>]}, else
     * {@code limits[<name>.<option>]}.
     *
     * @throws ConfigValueException naming the entry and {@value #DYNAMIC_ORIGIN}
     */
    public static <T> Optional<T> dynamic(
            Map<String, String> limits, ConfigKey<T> key, String descriptor, String methodName) {
        String option = option(key);
        for (String entry : List.of(descriptor + "." + option, methodName + "." + option)) {
            String text = limits.get(entry);
            if (text != null) {
                return Optional.of(key.parse(text.trim(), entry, DYNAMIC_ORIGIN));
            }
        }
        return Optional.empty();
    }
}

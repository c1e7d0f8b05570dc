package io.courier.bootstrap.internal.config;

import io.courier.api.config.ConfigKey;

/**
 * A parsed per-service key, {@code courier.service.<interface>.<suffix>}: which interface, and
 * either the consumer/provider key it overrides or the filter key it sets.
 *
 * @param interfaceName the service interface's fully qualified name
 * @param key the overridden {@code courier.consumer.*} or {@code courier.provider.*} key, or {@code null}
 * @param filterKey for {@code courier.service.<interface>.filter.<filter>.<key>}: {@code <filter>.<key>};
 *     else {@code null}
 */
public record ServiceOverride(String interfaceName, ConfigKey<?> key, String filterKey) {

    private static final String FILTER_INFIX = ".filter.";

    /** The override {@code fullKey} names, or {@code null} if it is not a valid per-service key. */
    static ServiceOverride parse(String fullKey) {
        String rest = fullKey.substring(ConfigKeys.SERVICE_PREFIX.length());
        int filter = rest.lastIndexOf(FILTER_INFIX);
        if (filter > 0) {
            return new ServiceOverride(rest.substring(0, filter), null, rest.substring(filter + FILTER_INFIX.length()));
        }
        for (String suffix : ConfigKeys.serviceSuffixes()) {
            int start = rest.length() - suffix.length() - 1;
            if (start > 0 && rest.endsWith(suffix) && rest.charAt(start) == '.') {
                return new ServiceOverride(rest.substring(0, start), ConfigKeys.findServiceSuffix(suffix), null);
            }
        }
        return null;
    }

    /** The key that sets {@code key}'s suffix for {@code interfaceName}. */
    public static String keyFor(String interfaceName, ConfigKey<?> key) {
        String name = key.name();
        return ConfigKeys.SERVICE_PREFIX + interfaceName + "." + name.substring(name.indexOf('.', 8) + 1);
    }
}

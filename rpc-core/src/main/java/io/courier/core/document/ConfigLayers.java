package io.courier.core.document;

import io.courier.api.DynamicConfig;

/**
 * The layers of one service's configuration as a consumer sees it (the registry's own document, the
 * application's and the service's of the configuration centre), merged field by field with the later
 * layers winning ({@link DynamicConfig#over}); the merge exists once every layer has reported. Both
 * registries merge with it. Not thread-safe: its owner confines it to one thread or lock.
 */
public final class ConfigLayers {

    private final DynamicConfig[] values;
    private DynamicConfig merged;

    /** @param count how many layers, the first the weakest */
    public ConfigLayers(int count) {
        this.values = new DynamicConfig[count];
    }

    /** Whether {@code layer} has reported a configuration. */
    public boolean has(int layer) {
        return values[layer] != null;
    }

    /**
     * Takes {@code config} as {@code layer}'s.
     *
     * @return the new merge if every layer has reported and it differs from the last one returned, else null
     */
    public DynamicConfig set(int layer, DynamicConfig config) {
        values[layer] = config;
        DynamicConfig result = null;
        for (DynamicConfig value : values) {
            if (value == null) {
                return null;
            }
            result = result == null ? value : value.over(result);
        }
        if (result.equals(merged)) {
            return null;
        }
        merged = result;
        return result;
    }

    /** The last merge, or null before every layer has reported. */
    public DynamicConfig merged() {
        return merged;
    }
}

package io.courier.filter.config;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyCatalog;
import java.util.List;

/**
 * rpc-filter's keys, {@code courier.filter.<filter>.<option>}, for the
 * {@link io.courier.api.config.ConfigKeyRegistry}; registered in
 * {@code META-INF/services/io.courier.api.config.ConfigKeyCatalog}.
 */
public final class FilterKeyCatalog implements ConfigKeyCatalog {

    /** For {@link java.util.ServiceLoader}. */
    public FilterKeyCatalog() {}

    @Override
    public List<ConfigKey<?>> keys() {
        return FilterKeys.all();
    }
}

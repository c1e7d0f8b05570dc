package io.courier.filter.internal;

import io.courier.api.MethodDescriptor;
import io.courier.api.filter.FilterContext;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a filter's options for one service at bind time. Every option has the key
 * {@code courier.filter.<option>} (e.g. {@code courier.filter.rate-limit.qps}); a per-method value
 * puts the method's descriptor or name first ({@code courier.filter.getUser(long).rate-limit.qps},
 * then {@code courier.filter.getUser.rate-limit.qps}). The same option names, without the
 * {@code courier.filter.} prefix, are the keys of {@link io.courier.api.DynamicConfig#limits()}.
 */
public final class FilterProperties {

    /** The prefix of every filter option key. */
    public static final String PREFIX = "courier.filter.";

    private final FilterContext context;

    private FilterProperties(FilterContext context) {
        this.context = context;
    }

    public static FilterProperties of(FilterContext context) {
        return new FilterProperties(context);
    }

    public FilterContext context() {
        return context;
    }

    /** The full key of a service-level option. */
    public static String key(String option) {
        return PREFIX + option;
    }

    /** {@code courier.filter.<option>}. */
    public Optional<Setting> get(String option) {
        String key = key(option);
        return context.property(key).map(value -> new Setting(key, value));
    }

    /** {@code courier.filter.<descriptor>.<option>}, else {@code courier.filter.<name>.<option>}. */
    public Optional<Setting> forMethod(MethodDescriptor method, String option) {
        String exact = PREFIX + method.descriptor() + "." + option;
        Optional<String> value = context.property(exact);
        if (value.isPresent()) {
            return Optional.of(new Setting(exact, value.get()));
        }
        String byName = PREFIX + method.name() + "." + option;
        return context.property(byName).map(text -> new Setting(byName, text));
    }

    /** The method's own value, else the service's. */
    public Optional<Setting> forMethodOrService(MethodDescriptor method, String option) {
        Optional<Setting> own = forMethod(method, option);
        return own.isPresent() ? own : get(option);
    }

    /** Whether {@code option} is set for the service or for any of its methods. */
    public boolean anySet(String option) {
        if (get(option).isPresent()) {
            return true;
        }
        for (MethodDescriptor method : context.service().methods()) {
            if (forMethod(method, option).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** A service-level dynamic limit: {@code limits[<option>]}. */
    public static Optional<Setting> dynamic(Map<String, String> limits, String option) {
        String value = limits.get(option);
        return value == null ? Optional.empty() : Optional.of(new Setting("dynamic limit " + option, value.trim()));
    }

    /** A per-method dynamic limit: {@code limits[<descriptor>.<option>]}, else {@code limits[<name>.<option>]}. */
    public static Optional<Setting> dynamic(Map<String, String> limits, MethodDescriptor method, String option) {
        String exact = method.descriptor() + "." + option;
        String value = limits.get(exact);
        if (value != null) {
            return Optional.of(new Setting("dynamic limit " + exact, value.trim()));
        }
        String byName = method.name() + "." + option;
        value = limits.get(byName);
        return value == null ? Optional.empty() : Optional.of(new Setting("dynamic limit " + byName, value.trim()));
    }
}

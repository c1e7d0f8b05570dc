package io.courier.bootstrap.config;

import io.courier.api.LiveKeys;
import io.courier.api.config.ConfigKey;
import io.courier.api.config.FilterSettings;
import io.courier.api.config.ValueType;
import java.util.List;

/**
 * The circuit breakers' options, {@code courier.filter.[<method>.]circuit-breaker.*}: not a chain
 * filter's (the breakers live in the cluster's per-endpoint invoker), read by
 * rpc-bootstrap's breaker settings. The thresholds the configuration centre may change are the live keys of
 * {@link LiveKeys}, listed here in their place.
 */
public final class BreakerKeys {

    public static final ConfigKey<Boolean> ENABLED = FilterSettings.key(
            "circuit-breaker.enabled", ValueType.flag(), false, "false", "consumer: breakers per instance and method");
    public static final ConfigKey<String> WINDOW_TYPE = FilterSettings.key(
            "circuit-breaker.window-type",
            ValueType.choice("count", "time"),
            "count",
            "count",
            "count (last N calls) or time (last N seconds)");
    public static final ConfigKey<Integer> WINDOW_SIZE = FilterSettings.key(
            "circuit-breaker.window-size",
            ValueType.intRange(1, 10_000),
            100,
            "100",
            "calls (1 to 10,000) or seconds (1 to 3,600)");
    public static final ConfigKey<Integer> MINIMUM_CALLS = LiveKeys.BREAKER_MINIMUM_CALLS;
    public static final ConfigKey<Integer> FAILURE_RATE_THRESHOLD = LiveKeys.BREAKER_FAILURE_RATE_THRESHOLD;
    public static final ConfigKey<Integer> SLOW_CALL_RATE_THRESHOLD = LiveKeys.BREAKER_SLOW_CALL_RATE_THRESHOLD;
    public static final ConfigKey<Long> SLOW_CALL_MILLIS = LiveKeys.BREAKER_SLOW_CALL_MILLIS;
    public static final ConfigKey<Long> OPEN_MILLIS = LiveKeys.BREAKER_OPEN_MILLIS;
    public static final ConfigKey<Integer> HALF_OPEN_CALLS = LiveKeys.BREAKER_HALF_OPEN_CALLS;
    public static final ConfigKey<Boolean> BUSINESS_EXCEPTIONS_FAIL = FilterSettings.key(
            "circuit-breaker.business-exceptions-fail",
            ValueType.flag(),
            false,
            "false",
            "count the implementation's exceptions as failures");

    private BreakerKeys() {}

    /** The keys defined here, in definition order. */
    static List<ConfigKey<?>> keys() {
        return List.of(
                ENABLED,
                WINDOW_TYPE,
                WINDOW_SIZE,
                MINIMUM_CALLS,
                FAILURE_RATE_THRESHOLD,
                SLOW_CALL_RATE_THRESHOLD,
                SLOW_CALL_MILLIS,
                OPEN_MILLIS,
                HALF_OPEN_CALLS,
                BUSINESS_EXCEPTIONS_FAIL);
    }
}

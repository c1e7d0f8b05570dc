package io.courier.bootstrap.internal.config;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.FilterSettings;
import io.courier.api.config.ValueType;
import io.courier.bootstrap.internal.settings.BreakerSettings;
import java.util.List;

/**
 * The circuit breakers' options, {@code courier.filter.[<method>.]circuit-breaker.*}: not a chain
 * filter's (the breakers live in the cluster's per-endpoint invoker), read by
 * {@link BreakerSettings}. The thresholds the configuration centre may change are marked live.
 */
public final class BreakerKeys {

    private static final long MAX_MILLIS = Long.MAX_VALUE / 1_000_000;

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
    public static final ConfigKey<Integer> MINIMUM_CALLS = FilterSettings.key(
                    "circuit-breaker.minimum-calls",
                    ValueType.intRange(1, 1_000_000),
                    20,
                    "20",
                    "calls in the window before rates are judged")
            .asLive();
    public static final ConfigKey<Integer> FAILURE_RATE_THRESHOLD = FilterSettings.key(
                    "circuit-breaker.failure-rate-threshold",
                    ValueType.intRange(1, 100),
                    50,
                    "50",
                    "% failures that opens the circuit")
            .asLive();
    public static final ConfigKey<Integer> SLOW_CALL_RATE_THRESHOLD = FilterSettings.key(
                    "circuit-breaker.slow-call-rate-threshold",
                    ValueType.intRange(1, 100),
                    100,
                    "100",
                    "% slow calls that opens the circuit")
            .asLive();
    public static final ConfigKey<Long> SLOW_CALL_MILLIS = FilterSettings.key(
                    "circuit-breaker.slow-call-millis",
                    ValueType.range(1, MAX_MILLIS),
                    2_000L,
                    "2000",
                    "a call this long or longer is slow")
            .asLive();
    public static final ConfigKey<Long> OPEN_MILLIS = FilterSettings.key(
                    "circuit-breaker.open-millis",
                    ValueType.range(1, MAX_MILLIS),
                    10_000L,
                    "10000",
                    "wait in the open state before probing")
            .asLive();
    public static final ConfigKey<Integer> HALF_OPEN_CALLS = FilterSettings.key(
                    "circuit-breaker.half-open-calls",
                    ValueType.intRange(1, 1_000),
                    5,
                    "5",
                    "probes let through when half open (1 to 1,000)")
            .asLive();
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

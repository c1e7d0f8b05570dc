package io.courier.api;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyRegistry;
import io.courier.api.config.FilterSettings;
import io.courier.api.config.ValueType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration keys that the configuration centre's documents change on running consumers
 * ({@link LiveSettings}). Each is the one {@link ConfigKey} of its setting, with the one type, range
 * and error message, whether it is set in {@code courier.properties}, the environment, the builder,
 * Spring Boot or a live document; rpc-bootstrap's catalog lists them among its keys, so
 * {@code docs/configuration.md} shows them with the others.
 *
 * <p>A document names a key by its field: a reference setting by what follows {@code courier.consumer.}
 * ({@code timeout-millis: 800}), a breaker threshold in the {@code breaker} section by what follows
 * {@code courier.filter.circuit-breaker.} ({@code failure-rate-threshold: 30}); see
 * {@code docs/operations.md}. Immutable constants.
 */
public final class LiveKeys {

    /** The prefix of the consumer keys, {@code courier.consumer.}, which a document's field omits. */
    public static final String CONSUMER_PREFIX = ConfigKeyRegistry.CONSUMER_PREFIX;
    /** The prefix of the breaker options, which a field of the document's {@code breaker} section omits. */
    public static final String BREAKER_PREFIX = ConfigKeyRegistry.FILTER_PREFIX + "circuit-breaker.";

    private static final long MAX_MILLIS = Long.MAX_VALUE / 1_000_000;

    /** Each attempt's timeout; document field {@code timeout-millis}. */
    public static final ConfigKey<Long> TIMEOUT_MILLIS = ConfigKey.of(
                    CONSUMER_PREFIX + "timeout-millis",
                    ValueType.longInteger(1, Long.MAX_VALUE),
                    ReferenceOptions.DEFAULT_TIMEOUT_MILLIS,
                    "3000",
                    "Per-attempt call timeout.")
            .asLive();
    /** Retries after a failure that is safe to retry; document field {@code retries}. */
    public static final ConfigKey<Integer> RETRIES = ConfigKey.of(
                    CONSUMER_PREFIX + "retries",
                    ValueType.integer(0, 100),
                    ReferenceOptions.DEFAULT_RETRIES,
                    "2",
                    "Extra attempts after a failure that is safe to retry.")
            .asLive();
    /** The load balancer's extension name; document field {@code load-balancer}. */
    public static final ConfigKey<String> LOAD_BALANCER = ConfigKey.of(
                    CONSUMER_PREFIX + "load-balancer",
                    ValueType.extensionName(),
                    "random",
                    "random",
                    "The LoadBalancer extension.")
            .asLive();

    /** Calls in a breaker's window before rates are judged; {@code breaker.minimum-calls}. */
    public static final ConfigKey<Integer> BREAKER_MINIMUM_CALLS = FilterSettings.key(
                    "circuit-breaker.minimum-calls",
                    ValueType.intRange(1, 1_000_000),
                    20,
                    "20",
                    "calls in the window before rates are judged")
            .asLive();
    /** The failure rate, in %, that opens a breaker; {@code breaker.failure-rate-threshold}. */
    public static final ConfigKey<Integer> BREAKER_FAILURE_RATE_THRESHOLD = FilterSettings.key(
                    "circuit-breaker.failure-rate-threshold",
                    ValueType.intRange(1, 100),
                    50,
                    "50",
                    "% failures that opens the circuit")
            .asLive();
    /** The slow-call rate, in %, that opens a breaker; {@code breaker.slow-call-rate-threshold}. */
    public static final ConfigKey<Integer> BREAKER_SLOW_CALL_RATE_THRESHOLD = FilterSettings.key(
                    "circuit-breaker.slow-call-rate-threshold",
                    ValueType.intRange(1, 100),
                    100,
                    "100",
                    "% slow calls that opens the circuit")
            .asLive();
    /** How long a call must take to be slow; {@code breaker.slow-call-millis}. */
    public static final ConfigKey<Long> BREAKER_SLOW_CALL_MILLIS = FilterSettings.key(
                    "circuit-breaker.slow-call-millis",
                    ValueType.range(1, MAX_MILLIS),
                    2_000L,
                    "2000",
                    "a call this long or longer is slow")
            .asLive();
    /** How long a breaker stays open before probing; {@code breaker.open-millis}. */
    public static final ConfigKey<Long> BREAKER_OPEN_MILLIS = FilterSettings.key(
                    "circuit-breaker.open-millis",
                    ValueType.range(1, MAX_MILLIS),
                    10_000L,
                    "10000",
                    "wait in the open state before probing")
            .asLive();
    /** The probes a half-open breaker lets through; {@code breaker.half-open-calls}. */
    public static final ConfigKey<Integer> BREAKER_HALF_OPEN_CALLS = FilterSettings.key(
                    "circuit-breaker.half-open-calls",
                    ValueType.intRange(1, 1_000),
                    5,
                    "5",
                    "probes let through when half open (1 to 1,000)")
            .asLive();

    /** The reference settings by their document field: {@code timeout-millis}, {@code retries}, {@code load-balancer}. */
    public static final Map<String, ConfigKey<?>> REFERENCE =
            byField(CONSUMER_PREFIX, TIMEOUT_MILLIS, RETRIES, LOAD_BALANCER);

    /** The breaker thresholds by their field in a document's {@code breaker} section, e.g. {@code open-millis}. */
    public static final Map<String, ConfigKey<?>> BREAKER = byField(
            BREAKER_PREFIX,
            BREAKER_MINIMUM_CALLS,
            BREAKER_FAILURE_RATE_THRESHOLD,
            BREAKER_SLOW_CALL_RATE_THRESHOLD,
            BREAKER_SLOW_CALL_MILLIS,
            BREAKER_OPEN_MILLIS,
            BREAKER_HALF_OPEN_CALLS);

    private LiveKeys() {}

    private static Map<String, ConfigKey<?>> byField(String prefix, ConfigKey<?>... keys) {
        Map<String, ConfigKey<?>> fields = new LinkedHashMap<>();
        for (ConfigKey<?> key : keys) {
            fields.put(key.name().substring(prefix.length()), key);
        }
        return Collections.unmodifiableMap(fields);
    }
}

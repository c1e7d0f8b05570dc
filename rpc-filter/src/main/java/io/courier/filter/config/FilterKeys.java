package io.courier.filter.config;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.FilterSettings;
import io.courier.api.config.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every option of rpc-filter's filters, as typed keys {@code courier.filter.<filter>.<option>}. Each
 * also takes a per-method form ({@code courier.filter.<method>.<filter>.<option>}) and a
 * per-service one ({@code courier.service.<interface>.filter.<filter>.<option>}); the limits take
 * dynamic values too ({@code DynamicConfig#limits()}), parsed by the same types.
 */
public final class FilterKeys {

    /** The most tokens per second a rate limit accepts. */
    public static final double MAX_QPS = 1_000_000_000;
    /** The largest token bucket. */
    public static final int MAX_BURST = 100_000_000;
    /** The most concurrent calls a fixed limit accepts. */
    public static final int MAX_CONCURRENCY = 1_000_000;
    /** The largest deadline budget: one day, as {@code Budgets.MAX_MILLIS}. */
    public static final long MAX_BUDGET_MILLIS = 86_400_000L;

    private static final List<ConfigKey<?>> ALL = new ArrayList<>();

    // --- tracing ---
    public static final ConfigKey<Boolean> TRACING_ENABLED =
            add(FilterSettings.key("tracing.enabled", ValueType.flag(), true, "true", "client and server spans"));

    // --- metrics ---
    public static final ConfigKey<Boolean> METRICS_ENABLED = add(FilterSettings.key(
            "metrics.enabled", ValueType.flag(), false, "false", "meters, and circuit-transition counters"));
    public static final ConfigKey<List<Double>> METRICS_PERCENTILES = add(FilterSettings.key(
            "metrics.percentiles",
            ValueType.decimals(0.000001, 0.999999),
            List.of(0.5, 0.9, 0.99),
            "0.5,0.9,0.99",
            "latency percentiles computed in process; empty for none"));
    public static final ConfigKey<Boolean> METRICS_HISTOGRAM = add(FilterSettings.key(
            "metrics.histogram",
            ValueType.flag(),
            false,
            "false",
            "also publish histogram buckets (aggregatable in Prometheus)"));
    public static final ConfigKey<Boolean> METRICS_PROMETHEUS_ENABLED = add(FilterSettings.key(
            "metrics.prometheus.enabled", ValueType.flag(), false, "false", "serve the scrape endpoint"));
    public static final ConfigKey<String> METRICS_PROMETHEUS_HOST = add(FilterSettings.key(
            "metrics.prometheus.host",
            ValueType.text(),
            "127.0.0.1",
            "127.0.0.1",
            "bind address; a non-loopback address is logged at WARN"));
    public static final ConfigKey<Integer> METRICS_PROMETHEUS_PORT = add(FilterSettings.key(
            "metrics.prometheus.port", ValueType.intRange(0, 65535), 9464, "9464", "port; 0 picks a free one"));
    public static final ConfigKey<String> METRICS_PROMETHEUS_PATH =
            add(FilterSettings.key("metrics.prometheus.path", ValueType.text(), "/metrics", "/metrics", "path"));

    // --- access log ---
    public static final ConfigKey<Boolean> ACCESS_LOG_ENABLED = add(FilterSettings.key(
            "access-log.enabled", ValueType.flag(), false, "false", "one line per call on logger courier.access"));

    // --- token authentication ---
    /** Tokens must be at least this long. */
    public static final int MIN_TOKEN_BYTES = 16;

    public static final ConfigKey<List<String>> AUTH_TOKENS = add(FilterSettings.key(
            "auth.tokens",
            ValueType.secrets(MIN_TOKEN_BYTES, "one or more comma-separated tokens"),
            null,
            "(none)",
            "provider: accepted tokens, comma-separated, each at least 16 bytes; unset: off"));
    public static final ConfigKey<String> CONSUMER_AUTH_TOKEN = add(FilterSettings.key(
            "consumer-auth.token",
            ValueType.secret(MIN_TOKEN_BYTES),
            null,
            "(none)",
            "consumer: token sent with each call (at least 16 bytes); unset: off"));

    // --- request signing ---
    public static final SignatureKeys SIGNATURE = new SignatureKeys("signature", "provider");
    public static final SignatureKeys CONSUMER_SIGNATURE = new SignatureKeys("consumer-signature", "consumer");

    // --- deadlines ---
    public static final ConfigKey<Boolean> DEADLINE_ENABLED =
            add(FilterSettings.key("deadline.enabled", ValueType.flag(), true, "true", "send and enforce budgets"));
    public static final ConfigKey<Long> DEADLINE_BUDGET_MILLIS = add(FilterSettings.key(
            "deadline.budget-millis",
            ValueType.range(1, MAX_BUDGET_MILLIS),
            null,
            "(the reference's timeout)",
            "consumer: budget of a call made outside any served request (1 to 86,400,000)"));

    // --- limits ---
    public static final RateKeys RATE_LIMIT = new RateKeys("rate-limit", "provider");
    public static final RateKeys CONSUMER_RATE_LIMIT = new RateKeys("consumer-rate-limit", "consumer");
    public static final ConcurrencyKeys CONCURRENCY_LIMIT = new ConcurrencyKeys("concurrency-limit", "provider");
    public static final ConcurrencyKeys CONSUMER_CONCURRENCY_LIMIT =
            new ConcurrencyKeys("consumer-concurrency-limit", "consumer");

    private FilterKeys() {}

    /** Every key above, in order. */
    public static List<ConfigKey<?>> all() {
        return List.copyOf(ALL);
    }

    private static <T> ConfigKey<T> add(ConfigKey<T> key) {
        ALL.add(key);
        return key;
    }

    /** The keys of one side's request signing, {@code <filter>.*}. */
    public static final class SignatureKeys {
        /** A secret must be at least this long. */
        public static final int MIN_SECRET_BYTES = 32;

        public final ConfigKey<String> secret;
        public final ConfigKey<List<String>> attachments;
        public final ConfigKey<Long> maxSkewMillis;
        public final ConfigKey<Integer> nonceCacheSize;

        private SignatureKeys(String filter, String side) {
            secret = add(FilterSettings.key(
                    filter + ".secret",
                    ValueType.secret(MIN_SECRET_BYTES),
                    null,
                    "(none)",
                    side + ": HMAC key, at least 32 bytes (UTF-8); unset: off"));
            attachments = add(FilterSettings.key(
                    filter + ".attachments",
                    ValueType.items(),
                    List.of("courier.token", "courier.tag", "courier.deadline-ms"),
                    "courier.token,courier.tag,courier.deadline-ms",
                    "covered attachments; must be the same on both sides"));
            maxSkewMillis = add(FilterSettings.key(
                    filter + ".max-skew-millis",
                    ValueType.range(1_000, 3_600_000),
                    30_000L,
                    "30000",
                    "accepted clock difference (1,000 to 3,600,000)"));
            nonceCacheSize = add(FilterSettings.key(
                    filter + ".nonce-cache-size",
                    ValueType.intRange(1, 100_000_000),
                    200_000,
                    "200000",
                    "nonces remembered per service (1 to 10^8)"));
        }
    }

    /** The keys of one side's rate limit, {@code <filter>.*}. */
    public static final class RateKeys {
        /** The filter's name: {@code rate-limit} or {@code consumer-rate-limit}. */
        public final String filter;

        public final ConfigKey<Boolean> enabled;
        /** Tokens per second; empty for {@code off}. */
        public final ConfigKey<Optional<Double>> qps;

        public final ConfigKey<Integer> burst;

        private RateKeys(String filter, String side) {
            this.filter = filter;
            enabled = add(FilterSettings.key(
                    filter + ".enabled",
                    ValueType.flag(),
                    false,
                    "false",
                    side + ": bind even without a static limit, to accept dynamic ones"));
            ValueType<Double> rate = ValueType.decimal(0, MAX_QPS);
            ValueType<Double> qpsType = new ValueType<>(
                    "decimal",
                    "0, or 0.001 to " + MAX_QPS,
                    text -> {
                        Double value = rate.parser().apply(text);
                        return value == null || (value != 0 && value < 0.001) ? null : value;
                    },
                    rate.shown());
            qps = add(FilterSettings.key(
                            filter + ".qps",
                            ValueType.orOff(qpsType),
                            null,
                            "(none)",
                            side + ": the bucket's rate; 0 refuses all; off: none; also per method")
                    .asLive());
            burst = add(FilterSettings.key(
                            filter + ".burst",
                            ValueType.intRange(1, MAX_BURST),
                            null,
                            "(qps rounded up, at least 1)",
                            side + ": the bucket's size; also per method")
                    .asLive());
        }
    }

    /** The keys of one side's concurrency limit, {@code <filter>.*}. */
    public static final class ConcurrencyKeys {
        /** The filter's name: {@code concurrency-limit} or {@code consumer-concurrency-limit}. */
        public final String filter;

        public final ConfigKey<Boolean> enabled;
        /** The limit; empty for {@code off}. */
        public final ConfigKey<Optional<Integer>> max;

        public final ConfigKey<Boolean> adaptive;
        public final ConfigKey<Integer> initialLimit;
        public final ConfigKey<Integer> minLimit;
        public final ConfigKey<Integer> maxLimit;
        public final ConfigKey<Double> tolerance;
        public final ConfigKey<Double> smoothing;
        public final ConfigKey<Integer> longWindow;
        public final ConfigKey<Integer> queueSize;

        private ConcurrencyKeys(String filter, String side) {
            this.filter = filter;
            String prefix = filter + ".adaptive.";
            enabled = add(FilterSettings.key(
                    filter + ".enabled",
                    ValueType.flag(),
                    false,
                    "false",
                    side + ": bind without a static limit, to accept dynamic ones"));
            max = add(FilterSettings.key(
                            filter + ".max",
                            ValueType.orOff(ValueType.intRange(1, MAX_CONCURRENCY)),
                            null,
                            "(none)",
                            side + ": calls in flight per method (1 to 1,000,000, or off); also per method")
                    .asLive());
            adaptive = add(FilterSettings.key(
                    filter + ".adaptive",
                    ValueType.flag(),
                    false,
                    "false",
                    side + ": adaptive limit instead of max (per service or method)"));
            initialLimit = add(FilterSettings.key(
                    prefix + "initial-limit",
                    ValueType.intRange(1, 1_000_000),
                    20,
                    "20",
                    "limit before the first measurement"));
            minLimit = add(
                    FilterSettings.key(prefix + "min-limit", ValueType.intRange(1, 1_000_000), 4, "4", "lower bound"));
            maxLimit = add(FilterSettings.key(
                    prefix + "max-limit", ValueType.intRange(1, 1_000_000), 1_000, "1000", "upper bound"));
            tolerance = add(FilterSettings.key(
                    prefix + "tolerance",
                    ValueType.decimal(1, 10),
                    1.5,
                    "1.5",
                    "latency ratio tolerated before shrinking (1 to 10)"));
            smoothing = add(FilterSettings.key(
                    prefix + "smoothing", ValueType.decimal(0.001, 1), 0.2, "0.2", "weight of one sample (0 to 1)"));
            longWindow = add(FilterSettings.key(
                    prefix + "long-window",
                    ValueType.intRange(10, 1_000_000),
                    600,
                    "600",
                    "samples in the long-term latency average (at least 10)"));
            queueSize = add(FilterSettings.key(
                    prefix + "queue-size",
                    ValueType.intRange(1, 1_000),
                    4,
                    "4",
                    "growth per sample; calls allowed to queue"));
        }
    }
}

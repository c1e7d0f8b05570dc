package io.courier.bootstrap.internal.settings;

import io.courier.api.MethodDescriptor;
import io.courier.api.filter.FilterContext;
import io.courier.cluster.CircuitBreakerOptions;
import io.courier.cluster.CircuitBreakers;
import io.courier.filter.internal.FilterProperties;
import io.courier.filter.internal.Setting;
import io.courier.filter.metrics.MeterRegistries;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a reference's circuit-breaker keys ({@code courier.filter.[<method>.]circuit-breaker.*}) into
 * the cluster's {@link CircuitBreakers}, follows the live thresholds of the configuration centre, and
 * counts transitions in {@code courier.circuit.transitions} when metrics are enabled. Wiring only:
 * nothing here is on a call's path.
 */
public final class BreakerSettings {

    private static final Logger log = LoggerFactory.getLogger(BreakerSettings.class);
    private static final String PREFIX = "circuit-breaker.";

    private final FilterProperties properties;
    private final CircuitBreakers breakers;
    /** The live thresholds applied last (option name without the prefix, to value). */
    private Map<String, Long> liveThresholds = Map.of();

    private BreakerSettings(FilterProperties properties, CircuitBreakers breakers) {
        this.properties = properties;
        this.breakers = breakers;
    }

    /**
     * The breakers configured for the context's (consumer-side) service, or {@code null} unless
     * {@code courier.filter.circuit-breaker.enabled} is {@code true} for it.
     *
     * @throws IllegalArgumentException if an option is invalid; the message names the key
     */
    public static CircuitBreakers bind(FilterContext context) {
        FilterProperties properties = FilterProperties.of(context);
        boolean enabled =
                properties.get(PREFIX + "enabled").map(Setting::asBoolean).orElse(false);
        if (!enabled) {
            return null;
        }
        MeterRegistry registry = MeterRegistries.find(context).orElse(null);
        String service = context.serviceKey().toString();
        CircuitBreakers breakers = CircuitBreakers.of(
                context.serviceKey(),
                context.service().methods(),
                method -> parse(option -> properties.forMethodOrService(method, option)),
                registry == null
                        ? (method, instance, from, to) -> {}
                        : (method, instance, from, to) -> Counter.builder("courier.circuit.transitions")
                                .description("Circuit breaker state changes, by the state entered")
                                .tag("service", service)
                                .tag("method", method.name())
                                .tag("instance", instance.toString())
                                .tag("state", to.name())
                                .register(registry)
                                .increment());
        BreakerSettings settings = new BreakerSettings(properties, breakers);
        context.onDynamicConfig(config -> settings.follow(config.live().breaker()));
        return breakers;
    }

    /** The options under {@code circuit-breaker.}, each found by {@code lookup}; defaults for the rest. */
    static CircuitBreakerOptions parse(Function<String, Optional<Setting>> lookup) {
        CircuitBreakerOptions.Builder builder = CircuitBreakerOptions.builder();
        lookup.apply(PREFIX + "window-type")
                .ifPresent(s -> builder.timeWindow("time".equals(s.asChoice("count", "time"))));
        lookup.apply(PREFIX + "window-size").ifPresent(s -> builder.windowSize(s.asInt(1, 10_000)));
        lookup.apply(PREFIX + "minimum-calls").ifPresent(s -> builder.minimumCalls(s.asInt(1, 1_000_000)));
        lookup.apply(PREFIX + "failure-rate-threshold").ifPresent(s -> builder.failureRateThreshold(s.asInt(1, 100)));
        lookup.apply(PREFIX + "slow-call-rate-threshold")
                .ifPresent(s -> builder.slowCallRateThreshold(s.asInt(1, 100)));
        lookup.apply(PREFIX + "slow-call-millis")
                .ifPresent(s -> builder.slowCallMillis(s.asLong(1, Long.MAX_VALUE / 1_000_000)));
        lookup.apply(PREFIX + "open-millis")
                .ifPresent(s -> builder.openMillis(s.asLong(1, Long.MAX_VALUE / 1_000_000)));
        lookup.apply(PREFIX + "half-open-calls").ifPresent(s -> builder.halfOpenCalls(s.asInt(1, 1_000)));
        lookup.apply(PREFIX + "business-exceptions-fail").ifPresent(s -> builder.businessExceptionsFail(s.asBoolean()));
        return builder.build();
    }

    /**
     * Applies live thresholds ({@code LiveSettings.breaker()}) over the configured options, to the
     * breakers made so far and to those made later; options the live map does not set keep their
     * configured values. Options that would be invalid are logged and nothing changes.
     */
    private synchronized void follow(Map<String, Long> live) {
        if (live.equals(liveThresholds)) {
            return;
        }
        Function<MethodDescriptor, CircuitBreakerOptions> next = method -> parse(option -> {
            Long value = live.get(option.substring(PREFIX.length()));
            return value != null
                    ? Optional.of(new Setting("live." + option, Long.toString(value)))
                    : properties.forMethodOrService(method, option);
        });
        try {
            breakers.reconfigure(next);
        } catch (IllegalArgumentException e) {
            log.warn(
                    "Live circuit-breaker thresholds {} for {} not applied: {}",
                    live,
                    properties.context().serviceKey(),
                    e.getMessage());
            return;
        }
        liveThresholds = live;
        log.info(
                "Circuit breakers of {} now use live thresholds {}",
                properties.context().serviceKey(),
                live);
    }
}

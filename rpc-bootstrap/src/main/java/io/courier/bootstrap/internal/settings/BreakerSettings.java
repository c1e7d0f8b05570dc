package io.courier.bootstrap.internal.settings;

import io.courier.api.MethodDescriptor;
import io.courier.api.config.ConfigKey;
import io.courier.api.filter.FilterContext;
import io.courier.bootstrap.config.BreakerKeys;
import io.courier.cluster.CircuitBreakerOptions;
import io.courier.cluster.CircuitBreakers;
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
    private static final String LIVE_ORIGIN = "configuration centre";

    private final FilterContext context;
    private final CircuitBreakers breakers;
    /** The live thresholds applied last (option name without the prefix, to value). */
    private Map<String, Long> liveThresholds = Map.of();

    private BreakerSettings(FilterContext context, CircuitBreakers breakers) {
        this.context = context;
        this.breakers = breakers;
    }

    /**
     * The breakers configured for the context's (consumer-side) service, or {@code null} unless
     * {@code courier.filter.circuit-breaker.enabled} is {@code true} for it.
     *
     * @throws IllegalArgumentException if an option is invalid; the message names the key
     */
    public static CircuitBreakers bind(FilterContext context) {
        boolean enabled = context.setting(BreakerKeys.ENABLED).orElse(false);
        if (!enabled) {
            return null;
        }
        MeterRegistry registry = MeterRegistries.find(context).orElse(null);
        String service = context.serviceKey().toString();
        CircuitBreakers breakers = CircuitBreakers.of(
                context.serviceKey(),
                context.service().methods(),
                method -> parse(context, method),
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
        BreakerSettings settings = new BreakerSettings(context, breakers);
        context.onDynamicConfig(config -> settings.follow(config.live().breaker()));
        return breakers;
    }

    /** Where {@link #parse} finds each option's typed value. */
    interface Lookup {
        <T> Optional<T> get(ConfigKey<T> key);
    }

    /** The circuit-breaker options of {@code method}: its own values, else the service's, else defaults. */
    static CircuitBreakerOptions parse(FilterContext context, MethodDescriptor method) {
        return parse(new Lookup() {
            @Override
            public <T> Optional<T> get(ConfigKey<T> key) {
                return context.forMethodOrService(key, method);
            }
        });
    }

    /** The circuit-breaker options, each found by {@code lookup}; defaults for the rest. */
    static CircuitBreakerOptions parse(Lookup lookup) {
        CircuitBreakerOptions.Builder builder = CircuitBreakerOptions.builder();
        lookup.get(BreakerKeys.WINDOW_TYPE).ifPresent(type -> builder.timeWindow("time".equals(type)));
        lookup.get(BreakerKeys.WINDOW_SIZE).ifPresent(builder::windowSize);
        lookup.get(BreakerKeys.MINIMUM_CALLS).ifPresent(builder::minimumCalls);
        lookup.get(BreakerKeys.FAILURE_RATE_THRESHOLD).ifPresent(builder::failureRateThreshold);
        lookup.get(BreakerKeys.SLOW_CALL_RATE_THRESHOLD).ifPresent(builder::slowCallRateThreshold);
        lookup.get(BreakerKeys.SLOW_CALL_MILLIS).ifPresent(builder::slowCallMillis);
        lookup.get(BreakerKeys.OPEN_MILLIS).ifPresent(builder::openMillis);
        lookup.get(BreakerKeys.HALF_OPEN_CALLS).ifPresent(builder::halfOpenCalls);
        lookup.get(BreakerKeys.BUSINESS_EXCEPTIONS_FAIL).ifPresent(builder::businessExceptionsFail);
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
        // A live value goes through the key's own type, as a configured one does.
        Function<MethodDescriptor, CircuitBreakerOptions> next = method -> parse(new Lookup() {
            @Override
            public <T> Optional<T> get(ConfigKey<T> key) {
                String option = key.name().substring(key.name().lastIndexOf('.') + 1);
                Long value = live.get(option);
                return value != null
                        ? Optional.of(key.parse(Long.toString(value), "breaker." + option, LIVE_ORIGIN))
                        : context.forMethodOrService(key, method);
            }
        });
        try {
            breakers.reconfigure(next);
        } catch (IllegalArgumentException e) {
            log.warn(
                    "Live circuit-breaker thresholds {} for {} not applied: {}",
                    live,
                    context.serviceKey(),
                    e.getMessage());
            return;
        }
        liveThresholds = live;
        log.info("Circuit breakers of {} now use live thresholds {}", context.serviceKey(), live);
    }
}

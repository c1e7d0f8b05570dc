package io.courier.filter.breaker;

import io.courier.api.Endpoint;
import io.courier.api.FilterContext;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceKey;
import io.courier.filter.Ticker;
import io.courier.filter.internal.FilterProperties;
import io.courier.filter.internal.Setting;
import io.courier.filter.metrics.MeterRegistries;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breakers of one referenced service: one per provider instance and method.
 *
 * <p>A breaker must know which instance a call goes to, and the consumer filter chain runs before
 * the cluster has picked one. So breaking is not a chain filter: the bootstrap builds one
 * {@code CircuitBreakers} per reference, with the reference's {@link FilterContext}, and the
 * cluster's directory wraps each instance's invoker with {@link #decorate}. An open circuit fails a
 * call at once with {@code CIRCUIT_OPEN}, marked not executed, so the cluster's failover moves on to
 * another instance, and the reference's fallback answers when none is left.
 *
 * <p>Configured by {@code courier.filter.circuit-breaker.*} (see {@code docs/filters.md}); when
 * {@code circuit-breaker.enabled} is not {@code true}, {@link #decorate} returns the invoker
 * unchanged. State changes are logged (opening at WARN, the rest at INFO) and counted, in
 * {@link #transitions(CircuitState)} and, with metrics enabled, in the
 * {@code courier.circuit.transitions} counter. Thread-safe.
 */
public final class CircuitBreakers {

    private static final Logger log = LoggerFactory.getLogger(CircuitBreakers.class);

    private final ServiceKey serviceKey;
    private final List<MethodDescriptor> methods;
    private volatile CircuitBreakerOptions[] options;
    /** The breakers made so far, per method index, for live thresholds; weakly held. Guarded by itself. */
    private final Map<CircuitBreaker, Integer> made = new WeakHashMap<>();
    /** The live thresholds applied last (circuit-breaker option name to value). */
    private volatile Map<String, Long> liveThresholds = Map.of();

    private final Ticker ticker;
    private final MeterRegistry registry;
    private final Map<CircuitState, LongAdder> transitions = new EnumMap<>(CircuitState.class);

    private CircuitBreakers(FilterContext context, CircuitBreakerOptions[] options) {
        this.serviceKey = context.serviceKey();
        this.methods = context.service().methods();
        this.options = options;
        this.ticker = options == null ? Ticker.SYSTEM : Ticker.of(context);
        this.registry = options == null ? null : MeterRegistries.find(context).orElse(null);
        for (CircuitState state : CircuitState.values()) {
            transitions.put(state, new LongAdder());
        }
    }

    /**
     * The breakers configured for the context's (consumer-side) service; disabled unless
     * {@code courier.filter.circuit-breaker.enabled} is {@code true} for it.
     *
     * @throws IllegalArgumentException if an option is invalid
     */
    public static CircuitBreakers bind(FilterContext context) {
        FilterProperties properties = FilterProperties.of(context);
        boolean enabled = properties
                .get("circuit-breaker.enabled")
                .map(Setting::asBoolean)
                .orElse(false);
        if (!enabled) {
            return new CircuitBreakers(context, null);
        }
        List<MethodDescriptor> methods = context.service().methods();
        CircuitBreakerOptions[] options = new CircuitBreakerOptions[methods.size()];
        for (MethodDescriptor method : methods) {
            options[method.index()] =
                    CircuitBreakerOptions.parse(option -> properties.forMethodOrService(method, option));
        }
        CircuitBreakers breakers = new CircuitBreakers(context, options);
        context.onDynamicConfig(
                config -> breakers.follow(properties, config.live().breaker()));
        return breakers;
    }

    /**
     * Applies live thresholds ({@code LiveSettings.breaker()}) over the configured options, to the
     * breakers made so far and to those made later; options the live map does not set keep their
     * configured values. Options that would be invalid are logged and nothing changes.
     */
    private void follow(FilterProperties properties, Map<String, Long> live) {
        if (live.equals(liveThresholds)) {
            return;
        }
        CircuitBreakerOptions[] next = new CircuitBreakerOptions[methods.size()];
        try {
            for (MethodDescriptor method : methods) {
                next[method.index()] = CircuitBreakerOptions.parse(option -> {
                    Long value = live.get(option.substring("circuit-breaker.".length()));
                    return value != null
                            ? Optional.of(new Setting("live." + option, Long.toString(value)))
                            : properties.forMethodOrService(method, option);
                });
            }
        } catch (IllegalArgumentException e) {
            log.warn("Live circuit-breaker thresholds {} for {} not applied: {}", live, serviceKey, e.getMessage());
            return;
        }
        liveThresholds = live;
        options = next;
        synchronized (made) {
            made.forEach((breaker, index) -> breaker.reconfigure(next[index]));
        }
        log.info("Circuit breakers of {} now use live thresholds {}", serviceKey, live);
    }

    /** Whether breaking is enabled for this service. */
    public boolean enabled() {
        return options != null;
    }

    /**
     * {@code invoker}, the invoker of the provider instance at {@code instance}, behind fresh
     * breakers (one per method), or {@code invoker} itself when breaking is disabled. Call it once
     * per instance, when the instance joins the directory, and keep the result for the instance's
     * life.
     */
    public Invoker decorate(Endpoint instance, Invoker invoker) {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(invoker, "invoker");
        if (options == null) {
            return invoker;
        }
        CircuitBreakerOptions[] options = this.options;
        CircuitBreaker[] breakers = new CircuitBreaker[options.length];
        boolean[] businessExceptionsFail = new boolean[options.length];
        String[] refusals = new String[options.length];
        for (MethodDescriptor method : methods) {
            int i = method.index();
            String target = serviceKey + "#" + method.descriptor() + " on " + instance;
            breakers[i] = new CircuitBreaker(
                    options[i], (breaker, from, to, why) -> onTransition(target, method, instance, from, to, why));
            synchronized (made) {
                made.put(breakers[i], i);
            }
            businessExceptionsFail[i] = options[i].businessExceptionsFail();
            refusals[i] = "circuit open for " + target;
        }
        return new CircuitBreakerInvoker(instance, invoker, ticker, breakers, businessExceptionsFail, refusals);
    }

    /** How many times a breaker of this service has entered {@code state}. */
    public long transitions(CircuitState state) {
        return transitions.get(state).sum();
    }

    private void onTransition(
            String target, MethodDescriptor method, Endpoint instance, CircuitState from, CircuitState to, String why) {
        transitions.get(to).increment();
        if (to == CircuitState.OPEN) {
            log.warn("Circuit {} -> {} for {}: {}", from, to, target, why);
        } else {
            log.info("Circuit {} -> {} for {}: {}", from, to, target, why);
        }
        if (registry != null) {
            Counter.builder("courier.circuit.transitions")
                    .description("Circuit breaker state changes, by the state entered")
                    .tag("service", serviceKey.toString())
                    .tag("method", method.name())
                    .tag("instance", instance.toString())
                    .tag("state", to.name())
                    .register(registry)
                    .increment();
        }
    }
}

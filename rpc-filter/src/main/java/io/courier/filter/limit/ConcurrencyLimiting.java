package io.courier.filter.limit;

import io.courier.api.DynamicConfig;
import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceKey;
import io.courier.api.config.ConfigKey;
import io.courier.api.config.FilterSettings;
import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.time.Ticker;
import io.courier.filter.config.FilterKeys;
import io.courier.filter.internal.Futures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-method concurrency limits of one service on one side: on the provider, calls executing
 * (from entering this filter until the implementation's result is complete); on the consumer, calls
 * in flight (until the answer arrives). Each method has a fixed limit, an adaptive one, or none.
 *
 * <p>A fixed limit comes from the most specific of: the method's dynamic value, the method's
 * configured value, the service's dynamic value, the service's configured value. Adaptive limits
 * are configured statically only.
 *
 * <p>Each method gets its own filter ({@link MethodConcurrency}), holding its limiter, when it is
 * bound; a method with no static limit gets none unless {@code <name>.enabled} admits dynamic
 * limits. This filter itself serves only calls of a method the chain was not built with, which no
 * per-method limit covers: it passes them on.
 */
final class ConcurrencyLimiting implements Filter {

    private static final Logger log = LoggerFactory.getLogger(ConcurrencyLimiting.class);
    private final String name;
    private final FilterKeys.ConcurrencyKeys keys;
    private final ServiceKey serviceKey;
    private final List<MethodDescriptor> methods;
    private final Ticker ticker;
    /** Each limit: empty when unset; set to empty for {@code off}. */
    private final Optional<Optional<Integer>> staticServiceMax;

    private final Optional<Optional<Integer>>[] staticMethodMax;
    private final boolean[] adaptive;
    private final boolean acceptsDynamic;
    /** The methods' filters by index; {@code null} for a method left out (or not bound yet). */
    private final MethodConcurrency[] bound;

    private volatile ConcurrencyLimiter[] limiters;

    private ConcurrencyLimiting(
            FilterKeys.ConcurrencyKeys keys,
            FilterContext context,
            Optional<Optional<Integer>> staticServiceMax,
            Optional<Optional<Integer>>[] staticMethodMax,
            ConcurrencyLimiter[] limiters,
            boolean acceptsDynamic) {
        this.name = keys.filter;
        this.keys = keys;
        this.serviceKey = context.serviceKey();
        this.methods = context.service().methods();
        this.ticker = context.ticker();
        this.staticServiceMax = staticServiceMax;
        this.staticMethodMax = staticMethodMax;
        this.limiters = limiters;
        this.acceptsDynamic = acceptsDynamic;
        this.bound = new MethodConcurrency[limiters.length];
        this.adaptive = new boolean[limiters.length];
        for (int i = 0; i < limiters.length; i++) {
            adaptive[i] = limiters[i] instanceof ConcurrencyLimiter.Adaptive;
        }
    }

    /**
     * The limits configured under {@code name} ({@code concurrency-limit} or
     * {@code consumer-concurrency-limit}), or {@code null} when none is configured and
     * {@code <name>.enabled} (which admits dynamic limits later) is not set.
     */
    static ConcurrencyLimiting forService(FilterContext context, String name) {
        return forService(
                context,
                name.equals(FilterKeys.CONSUMER_CONCURRENCY_LIMIT.filter)
                        ? FilterKeys.CONSUMER_CONCURRENCY_LIMIT
                        : FilterKeys.CONCURRENCY_LIMIT);
    }

    /** As {@link #forService(FilterContext, String)}, for the filter {@code keys} belong to. */
    static ConcurrencyLimiting forService(FilterContext context, FilterKeys.ConcurrencyKeys keys) {
        boolean enabled = context.setting(keys.enabled).orElse(false);
        if (!enabled && !context.anySet(keys.max) && !context.anySet(keys.adaptive)) {
            return null;
        }
        List<MethodDescriptor> methods = context.service().methods();
        Optional<Optional<Integer>> serviceMax = context.setting(keys.max);
        @SuppressWarnings("unchecked")
        Optional<Optional<Integer>>[] methodMax = new Optional[methods.size()];
        ConcurrencyLimiter[] limiters = new ConcurrencyLimiter[methods.size()];
        for (MethodDescriptor method : methods) {
            int i = method.index();
            methodMax[i] = context.forMethod(keys.max, method);
            boolean isAdaptive =
                    context.forMethodOrService(keys.adaptive, method).orElse(false);
            if (isAdaptive) {
                limiters[i] = new ConcurrencyLimiter.Adaptive(
                        AdaptiveLimitOptions.parse(keys, new AdaptiveLimitOptions.Lookup() {
                            @Override
                            public <T> Optional<T> get(ConfigKey<T> key) {
                                return context.forMethodOrService(key, method);
                            }
                        }));
            } else {
                Integer max = effectiveMax(Optional.empty(), methodMax[i], Optional.empty(), serviceMax);
                limiters[i] = max == null ? null : new ConcurrencyLimiter.Fixed(max);
            }
        }
        ConcurrencyLimiting limiting = new ConcurrencyLimiting(keys, context, serviceMax, methodMax, limiters, enabled);
        context.onDynamicConfig(limiting::apply);
        return limiting;
    }

    /**
     * The filter of {@code method}, with its limiter; {@code null} when the method has no static
     * limit and {@code <name>.enabled} does not admit dynamic ones.
     */
    @Override
    public synchronized Filter forMethod(FilterContext context, MethodDescriptor method) {
        int index = method.index();
        if (limiters[index] == null && !acceptsDynamic) {
            return null;
        }
        if (bound[index] == null) {
            bound[index] = new MethodConcurrency(name, ticker, limiters[index]);
        }
        return bound[index];
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        return chain.proceed(invocation);
    }

    /** Admits {@code invocation} through {@code limiter}, or refuses it when the limit is reached. */
    static CompletableFuture<RpcResult> admit(
            String name, Ticker ticker, ConcurrencyLimiter limiter, Invocation invocation, Filter.Chain chain) {
        if (limiter == null) {
            return chain.proceed(invocation);
        }
        int inFlight = limiter.tryAcquire();
        if (inFlight < 0) {
            return CompletableFuture.failedFuture(new LimitExceededException(
                    limiter.reason(),
                    name + ": limit of " + limiter.limit() + " concurrent calls reached for " + invocation));
        }
        long start = ticker.nanoTime();
        CompletableFuture<RpcResult> call;
        try {
            call = chain.proceed(invocation);
        } catch (RuntimeException | Error e) {
            limiter.release(inFlight, 0, false);
            throw e;
        }
        return Futures.whenDone(
                call, (result, failure) -> limiter.release(inFlight, ticker.nanoTime() - start, ran(failure)));
    }

    private static boolean ran(Throwable failure) {
        return !(failure instanceof RpcException rpc && rpc.notExecuted());
    }

    /** Applies a dynamic configuration document; invalid values are logged and ignored. */
    synchronized void apply(DynamicConfig config) {
        Map<String, String> limits = config.limits();
        Optional<Optional<Integer>> dynamicService = valid(() -> FilterSettings.dynamic(limits, keys.max));
        ConcurrencyLimiter[] next = limiters.clone();
        for (MethodDescriptor method : methods) {
            int i = method.index();
            if (adaptive[i]) {
                continue;
            }
            Optional<Optional<Integer>> dynamicMethod =
                    valid(() -> FilterSettings.dynamic(limits, keys.max, method.descriptor(), method.name()));
            Integer max = effectiveMax(dynamicMethod, staticMethodMax[i], dynamicService, staticServiceMax);
            if (max == null) {
                next[i] = null;
            } else if (next[i] instanceof ConcurrencyLimiter.Fixed fixed) {
                fixed.max(max);
            } else {
                next[i] = new ConcurrencyLimiter.Fixed(max);
            }
        }
        limiters = next;
        for (int i = 0; i < bound.length; i++) {
            if (bound[i] != null) {
                bound[i].limiter(next[i]);
            }
        }
    }

    /** A dynamic value; empty, with a warning, when it is invalid. */
    private Optional<Optional<Integer>> valid(Supplier<Optional<Optional<Integer>>> dynamic) {
        try {
            return dynamic.get();
        } catch (IllegalArgumentException e) {
            log.warn("{}: ignoring an invalid dynamic limit of {}: {}", name, serviceKey, e.getMessage());
            return Optional.empty();
        }
    }

    /** The first setting present decides; {@code null} for no limit. */
    @SafeVarargs
    private static Integer effectiveMax(Optional<Optional<Integer>>... mostSpecificFirst) {
        for (Optional<Optional<Integer>> setting : mostSpecificFirst) {
            if (setting.isPresent()) {
                return setting.get().orElse(null);
            }
        }
        return null;
    }

    /** The limiter of {@code method}, or {@code null}; for tests and diagnostics. */
    ConcurrencyLimiter limiter(MethodDescriptor method) {
        return limiters[method.index()];
    }
}

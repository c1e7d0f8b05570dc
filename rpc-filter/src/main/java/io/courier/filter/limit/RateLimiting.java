package io.courier.filter.limit;

import io.courier.api.DynamicConfig;
import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcResult;
import io.courier.api.ServiceKey;
import io.courier.api.config.ConfigKey;
import io.courier.api.config.FilterSettings;
import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.time.Ticker;
import io.courier.filter.config.FilterKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token buckets of one service on one side: one for the whole service and one per method,
 * each optional. A call takes a token from its method's bucket and from the service's; it is
 * refused when either is empty (a method token taken for a call the service bucket then refuses
 * is given back). Static settings come from configuration; dynamic ones replace them while they
 * are published.
 *
 * <p>Each method gets its own filter ({@link MethodRate}), holding its bucket, when it is bound; a
 * method with no static limit, in a service with none, gets no filter at all unless
 * {@code <name>.enabled} admits dynamic limits. This filter itself serves only calls of a method the
 * chain was not built with, against the service's bucket.
 */
final class RateLimiting implements Filter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiting.class);

    private final String name;
    private final FilterKeys.RateKeys keys;
    private final ServiceKey serviceKey;
    private final List<MethodDescriptor> methods;
    private final Ticker ticker;
    private final boolean everyMethod;
    private final Optional<RateLimitOptions> staticService;
    private final List<Optional<RateLimitOptions>> staticMethods;
    /** The methods' filters by index; {@code null} for a method left out (or not bound yet). */
    private final MethodRate[] bound;

    private volatile TokenBucket service;
    /** The dynamic limits last applied, for methods bound after them. */
    private Map<String, String> limits = Map.of();

    private RateLimiting(
            FilterKeys.RateKeys keys,
            FilterContext context,
            boolean everyMethod,
            Optional<RateLimitOptions> staticService,
            List<Optional<RateLimitOptions>> staticMethods) {
        this.name = keys.filter;
        this.keys = keys;
        this.serviceKey = context.serviceKey();
        this.methods = context.service().methods();
        this.ticker = context.ticker();
        this.everyMethod = everyMethod;
        this.staticService = staticService;
        this.staticMethods = staticMethods;
        this.bound = new MethodRate[methods.size()];
        this.service = reuse(null, staticService, ticker.nanoTime());
    }

    /**
     * The rate limits configured under {@code name} ({@code rate-limit} or
     * {@code consumer-rate-limit}) for the context's service, or {@code null} when none is
     * configured and {@code <name>.enabled} (which admits dynamic limits later) is not set.
     */
    static RateLimiting forService(FilterContext context, FilterKeys.RateKeys keys) {
        boolean enabled = context.setting(keys.enabled).orElse(false);
        if (!enabled && !context.anySet(keys.qps)) {
            return null;
        }
        Optional<Optional<Double>> serviceQps = context.setting(keys.qps);
        Optional<RateLimitOptions> service =
                serviceQps.flatMap(qps -> RateLimitOptions.of(qps, context.setting(keys.burst)));
        List<Optional<RateLimitOptions>> perMethod = new ArrayList<>();
        for (MethodDescriptor method : context.service().methods()) {
            perMethod.add(context.forMethod(keys.qps, method)
                    .flatMap(qps -> RateLimitOptions.of(qps, context.forMethod(keys.burst, method))));
        }
        // Whether every method needs the filter: a configured service bucket covers them all, and
        // <name>.enabled admits a dynamic limit on any of them.
        boolean everyMethod = enabled || serviceQps.isPresent();
        RateLimiting limiting = new RateLimiting(keys, context, everyMethod, service, List.copyOf(perMethod));
        context.onDynamicConfig(limiting::apply);
        return limiting;
    }

    /**
     * The filter of {@code method}, with its bucket; {@code null} when the method can never be
     * limited (no static limit of its own or of the service, and no dynamic limits admitted).
     */
    @Override
    public synchronized Filter forMethod(FilterContext context, MethodDescriptor method) {
        int index = method.index();
        if (!everyMethod && staticMethods.get(index).isEmpty()) {
            return null;
        }
        if (bound[index] == null) {
            Optional<RateLimitOptions> options = dynamicOr(limits, method, staticMethods.get(index));
            bound[index] = new MethodRate(this, method.descriptor(), reuse(null, options, ticker.nanoTime()));
        }
        return bound[index];
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        return admit(invocation, chain, null);
    }

    /** Takes a token from {@code method} (if any) and from the service's bucket (if any). */
    CompletableFuture<RpcResult> admit(Invocation invocation, Chain chain, TokenBucket method) {
        TokenBucket service = this.service;
        if (method == null && service == null) {
            return chain.proceed(invocation);
        }
        long now = ticker.nanoTime();
        if (method != null && !method.tryAcquire(now)) {
            return refuse(invocation, method, "method");
        }
        if (service != null && !service.tryAcquire(now)) {
            if (method != null) {
                method.refund();
            }
            return refuse(invocation, service, "service");
        }
        return chain.proceed(invocation);
    }

    private CompletableFuture<RpcResult> refuse(Invocation invocation, TokenBucket bucket, String level) {
        return CompletableFuture.failedFuture(new LimitExceededException(
                LimitExceededException.RATE,
                name + ": " + level + " limit of " + bucket.qps() + " calls/s reached for " + invocation));
    }

    /** Applies a dynamic configuration document; invalid values are logged and ignored. */
    synchronized void apply(DynamicConfig config) {
        limits = config.limits();
        long now = ticker.nanoTime();
        service = reuse(service, dynamicOr(limits, null, staticService), now);
        for (MethodDescriptor method : methods) {
            MethodRate rate = bound[method.index()];
            if (rate != null) {
                rate.bucket(reuse(rate.bucket(), dynamicOr(limits, method, staticMethods.get(method.index())), now));
            }
        }
    }

    private Optional<RateLimitOptions> dynamicOr(
            Map<String, String> limits, MethodDescriptor method, Optional<RateLimitOptions> fallback) {
        try {
            Optional<Optional<Double>> qps = dynamic(limits, keys.qps, method);
            if (qps.isEmpty()) {
                return fallback;
            }
            return RateLimitOptions.of(qps.get(), dynamic(limits, keys.burst, method));
        } catch (IllegalArgumentException e) {
            log.warn("{}: ignoring an invalid dynamic limit of {}: {}", name, serviceKey, e.getMessage());
            return fallback;
        }
    }

    /** The dynamic value of {@code key} for the service ({@code method} null) or one method. */
    private static <T> Optional<T> dynamic(Map<String, String> limits, ConfigKey<T> key, MethodDescriptor method) {
        return method == null
                ? FilterSettings.dynamic(limits, key)
                : FilterSettings.dynamic(limits, key, method.descriptor(), method.name());
    }

    private static TokenBucket reuse(TokenBucket old, Optional<RateLimitOptions> options, long now) {
        if (options.isEmpty()) {
            return null;
        }
        RateLimitOptions settings = options.get();
        if (old == null) {
            return new TokenBucket(settings.qps(), settings.burst(), now);
        }
        old.update(settings.qps(), settings.burst());
        return old;
    }
}

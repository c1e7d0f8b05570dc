package io.courier.filter.limit;

import io.courier.api.DynamicConfig;
import io.courier.api.Filter;
import io.courier.api.FilterContext;
import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcResult;
import io.courier.api.ServiceKey;
import io.courier.filter.Ticker;
import io.courier.filter.internal.FilterProperties;
import io.courier.filter.internal.Setting;
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
 */
final class RateLimiting implements Filter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiting.class);

    private final String name;
    private final ServiceKey serviceKey;
    private final List<MethodDescriptor> methods;
    private final Ticker ticker;
    private final Optional<RateLimitOptions> staticService;
    private final List<Optional<RateLimitOptions>> staticMethods;
    private volatile Buckets buckets;

    private RateLimiting(
            String name,
            FilterContext context,
            Optional<RateLimitOptions> staticService,
            List<Optional<RateLimitOptions>> staticMethods) {
        this.name = name;
        this.serviceKey = context.serviceKey();
        this.methods = context.service().methods();
        this.ticker = Ticker.of(context);
        this.staticService = staticService;
        this.staticMethods = staticMethods;
        this.buckets = buckets(Buckets.NONE, staticService, staticMethods);
    }

    /**
     * The rate limits configured under {@code name} ({@code rate-limit} or
     * {@code consumer-rate-limit}) for the context's service, or {@code null} when none is
     * configured and {@code <name>.enabled} (which admits dynamic limits later) is not set.
     */
    static RateLimiting forService(FilterContext context, String name) {
        FilterProperties properties = FilterProperties.of(context);
        String qpsKey = name + "." + RateLimitOptions.QPS;
        String burstKey = name + "." + RateLimitOptions.BURST;
        boolean enabled =
                properties.get(name + ".enabled").map(Setting::asBoolean).orElse(false);
        if (!enabled && !properties.anySet(qpsKey)) {
            return null;
        }
        Optional<RateLimitOptions> service =
                properties.get(qpsKey).flatMap(qps -> RateLimitOptions.parse(qps, properties.get(burstKey)));
        List<Optional<RateLimitOptions>> perMethod = new ArrayList<>();
        for (MethodDescriptor method : context.service().methods()) {
            perMethod.add(properties
                    .forMethod(method, qpsKey)
                    .flatMap(qps -> RateLimitOptions.parse(qps, properties.forMethod(method, burstKey))));
        }
        RateLimiting limiting = new RateLimiting(name, context, service, List.copyOf(perMethod));
        context.onDynamicConfig(limiting::apply);
        return limiting;
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        Buckets current = buckets;
        int index = invocation.method().index();
        TokenBucket method = index < current.methods.length ? current.methods[index] : null;
        TokenBucket service = current.service;
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
        Map<String, String> limits = config.limits();
        Optional<RateLimitOptions> service = dynamicOr(limits, null, staticService);
        List<Optional<RateLimitOptions>> perMethod = new ArrayList<>(methods.size());
        for (MethodDescriptor method : methods) {
            perMethod.add(dynamicOr(limits, method, staticMethods.get(method.index())));
        }
        buckets = buckets(buckets, service, perMethod);
    }

    private Optional<RateLimitOptions> dynamicOr(
            Map<String, String> limits, MethodDescriptor method, Optional<RateLimitOptions> fallback) {
        String qpsKey = name + "." + RateLimitOptions.QPS;
        String burstKey = name + "." + RateLimitOptions.BURST;
        Optional<Setting> qps = method == null
                ? FilterProperties.dynamic(limits, qpsKey)
                : FilterProperties.dynamic(limits, method, qpsKey);
        if (qps.isEmpty()) {
            return fallback;
        }
        Optional<Setting> burst = method == null
                ? FilterProperties.dynamic(limits, burstKey)
                : FilterProperties.dynamic(limits, method, burstKey);
        try {
            return RateLimitOptions.parse(qps.get(), burst);
        } catch (IllegalArgumentException e) {
            log.warn("{}: ignoring an invalid dynamic limit of {}: {}", name, serviceKey, e.getMessage());
            return fallback;
        }
    }

    /** New buckets for new settings, keeping the state of buckets that stay. */
    private Buckets buckets(
            Buckets previous, Optional<RateLimitOptions> service, List<Optional<RateLimitOptions>> perMethod) {
        long now = ticker.nanoTime();
        TokenBucket serviceBucket = reuse(previous.service, service, now);
        TokenBucket[] methodBuckets = new TokenBucket[perMethod.size()];
        for (int i = 0; i < methodBuckets.length; i++) {
            TokenBucket old = i < previous.methods.length ? previous.methods[i] : null;
            methodBuckets[i] = reuse(old, perMethod.get(i), now);
        }
        return new Buckets(serviceBucket, methodBuckets);
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

    /** An immutable snapshot: swapped whole, read once per call. */
    private static final class Buckets {
        static final Buckets NONE = new Buckets(null, new TokenBucket[0]);

        final TokenBucket service;
        final TokenBucket[] methods;

        Buckets(TokenBucket service, TokenBucket[] methods) {
            this.service = service;
            this.methods = methods;
        }
    }
}

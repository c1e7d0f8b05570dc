package io.courier.cluster.internal;

import io.courier.api.DynamicConfig;
import io.courier.api.MethodDescriptor;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.LoadBalancer;
import io.courier.api.cluster.RouteKey;
import io.courier.api.cluster.Router;
import io.courier.api.time.Ticker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of one provider set under one bound router chain, computed lazily per
 * {@link RouteKey} and cached until the table is replaced. A lookup is one array read by the
 * method's index (a map read keyed by the method's identity the first time, or for a method without
 * an index) plus, for a tagged call, one map read by tag.
 */
final class RouteTable {

    private static final Logger log = LoggerFactory.getLogger(RouteTable.class);

    /** Tags remembered per method; calls with more distinct tags are routed without caching. */
    static final int MAX_CACHED_TAGS = 64;

    /** Methods with a larger index are looked up in the map on every call. */
    private static final int MAX_INDEXED = 1024;

    private final List<Candidate> candidates;
    private final List<Router> routers;
    private final LoadBalancer loadBalancer;
    private final DynamicConfig config;
    private final Ticker ticker;
    private final Census census;
    private final ConcurrentMap<MethodDescriptor, MethodRoutes> byMethod = new ConcurrentHashMap<>();
    /**
     * {@link #byMethod}'s entries by {@link MethodDescriptor#index()}, so that a call reads an array
     * slot rather than the map (which was about 3 % of a consumer's CPU samples under the benchmark).
     * Written without a lock: a reader that misses an entry, or sees another method's (an index is
     * only unique within its service), takes the map, which stays the one source of each method's
     * routes.
     */
    private MethodRoutes[] byIndex = new MethodRoutes[0];

    RouteTable(
            List<Candidate> candidates,
            List<Router> routers,
            LoadBalancer loadBalancer,
            DynamicConfig config,
            Ticker ticker,
            Census census) {
        this.candidates = candidates;
        this.ticker = ticker;
        this.census = census;
        this.routers = routers;
        this.loadBalancer = loadBalancer;
        this.config = config;
    }

    List<Candidate> candidates() {
        return candidates;
    }

    Route route(RouteKey key) {
        return routes(key.method()).route(key);
    }

    private MethodRoutes routes(MethodDescriptor method) {
        int index = method.index();
        MethodRoutes[] indexed = byIndex;
        if (index >= 0 && index < indexed.length) {
            MethodRoutes routes = indexed[index];
            if (routes != null && routes.method == method) {
                return routes;
            }
        }
        MethodRoutes routes = byMethod.get(method);
        if (routes == null) {
            routes = byMethod.computeIfAbsent(method, MethodRoutes::new);
        }
        if (index >= 0 && index < MAX_INDEXED) {
            MethodRoutes[] grown = index < indexed.length ? indexed : Arrays.copyOf(indexed, index + 1);
            grown[index] = routes;
            byIndex = grown;
        }
        return routes;
    }

    /**
     * Where a tagged call goes when none of the instances carrying its tag can take it (ejected,
     * unreachable, or its circuit open): the route the chain computes for the same key once those
     * instances are left out, so the tag router falls back exactly as if they did not exist, within
     * what the condition rules allow. Empty for an untagged key, and when the tagged route is itself
     * already a fallback (no routed instance carries the tag). Cached like {@link #route}.
     */
    Route fallback(RouteKey key) {
        if (!key.tagged()) {
            return Route.EMPTY;
        }
        return routes(key.method()).fallback(key);
    }

    private Route computeFallback(RouteKey key, Route tagged) {
        if (tagged.candidates().isEmpty()) {
            return Route.EMPTY;
        }
        for (Candidate candidate : tagged.candidates()) {
            if (!ProviderTags.of(candidate, config).contains(key.tag())) {
                return Route.EMPTY;
            }
        }
        List<Candidate> rest = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            if (!tagged.candidates().contains(candidate)) {
                rest.add(candidate);
            }
        }
        return compute(rest, key);
    }

    private Route compute(RouteKey key) {
        return compute(candidates, key);
    }

    private Route compute(List<Candidate> from, RouteKey key) {
        List<Candidate> routed = from;
        for (Router router : routers) {
            try {
                routed = router.route(routed, key);
            } catch (RuntimeException e) {
                // A broken router must not stop every call; it is skipped and reported.
                log.error(
                        "Router {} failed for {}; skipping it",
                        router.getClass().getName(),
                        key,
                        e);
            }
        }
        routed = List.copyOf(routed);
        if (routed.isEmpty()) {
            return Route.EMPTY;
        }
        LoadBalancer.Picker<Candidate> picker = loadBalancer.picker(routed, key);
        return new Route(routed, picker, new ReadySet(routed, picker, loadBalancer, key, ticker, census));
    }

    /** The cached routes of one method. */
    private final class MethodRoutes {
        private final MethodDescriptor method;
        private final ConcurrentMap<String, Route> tagged = new ConcurrentHashMap<>();
        private final ConcurrentMap<String, Route> fallbacks = new ConcurrentHashMap<>();
        private volatile Route untagged;

        MethodRoutes(MethodDescriptor method) {
            this.method = method;
        }

        Route fallback(RouteKey key) {
            Route route = fallbacks.get(key.tag());
            if (route != null) {
                return route;
            }
            route = computeFallback(key, route(key));
            if (fallbacks.size() < MAX_CACHED_TAGS) {
                Route raced = fallbacks.putIfAbsent(key.tag(), route);
                return raced != null ? raced : route;
            }
            return route;
        }

        Route route(RouteKey key) {
            if (!key.tagged()) {
                Route route = untagged;
                if (route == null) {
                    // Two threads may compute the same route at once; either result is correct.
                    route = compute(key);
                    untagged = route;
                }
                return route;
            }
            Route route = tagged.get(key.tag());
            if (route != null) {
                return route;
            }
            route = compute(key);
            if (tagged.size() < MAX_CACHED_TAGS) {
                Route raced = tagged.putIfAbsent(key.tag(), route);
                return raced != null ? raced : route;
            }
            return route;
        }
    }
}

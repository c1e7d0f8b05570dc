package io.courier.cluster.internal;

import io.courier.api.Candidate;
import io.courier.api.LoadBalancer;
import io.courier.api.MethodDescriptor;
import io.courier.api.RouteKey;
import io.courier.api.Router;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of one provider set under one bound router chain, computed lazily per
 * {@link RouteKey} and cached until the table is replaced. A lookup is one identity-keyed map read
 * plus, for a tagged call, one map read by tag.
 */
final class RouteTable {

    private static final Logger log = LoggerFactory.getLogger(RouteTable.class);

    /** Tags remembered per method; calls with more distinct tags are routed without caching. */
    static final int MAX_CACHED_TAGS = 64;

    private final List<Candidate> candidates;
    private final List<Router> routers;
    private final LoadBalancer loadBalancer;
    private final ConcurrentMap<MethodDescriptor, MethodRoutes> byMethod = new ConcurrentHashMap<>();

    RouteTable(List<Candidate> candidates, List<Router> routers, LoadBalancer loadBalancer) {
        this.candidates = candidates;
        this.routers = routers;
        this.loadBalancer = loadBalancer;
    }

    List<Candidate> candidates() {
        return candidates;
    }

    Route route(RouteKey key) {
        MethodRoutes routes = byMethod.get(key.method());
        if (routes == null) {
            routes = byMethod.computeIfAbsent(key.method(), method -> new MethodRoutes());
        }
        return routes.route(key);
    }

    private Route compute(RouteKey key) {
        List<Candidate> routed = candidates;
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
        return new Route(routed, loadBalancer.picker(routed, key));
    }

    /** The cached routes of one method. */
    private final class MethodRoutes {
        private final ConcurrentMap<String, Route> tagged = new ConcurrentHashMap<>();
        private volatile Route untagged;

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

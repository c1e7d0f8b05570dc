package io.courier.rest.internal;

import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of every service a port serves, matched by verb and path: the more literal template first
 * ({@code /users/me} before {@code /users/{id}}). Services are added as they are exported, each checked
 * against the others; a lookup reads a published snapshot. Thread-safe.
 */
public final class RestRouter {

    private static final Logger log = LoggerFactory.getLogger(RestRouter.class);

    /** A route of a service. */
    public record Served(ServiceKey key, Route route) {}

    /** What a request's verb and path found: a route and its path values, or why not. */
    public record Match(Served served, Map<String, String> pathValues, TreeSet<String> allowed) {
        /** Whether no route has the path at all (else {@link #allowed} lists its verbs). */
        public boolean notFound() {
            return served == null && allowed.isEmpty();
        }
    }

    private volatile List<Served> routes = List.of();

    /**
     * Maps and adds {@code descriptor}'s service.
     *
     * @throws IllegalArgumentException what {@link RestMapping#of} refuses, or a route another interface
     *     has (a route of another key of the same interface is left to the one added first)
     */
    public void add(ServiceKey key, ServiceDescriptor descriptor) {
        add(key, RestMapping.of(descriptor));
    }

    /**
     * Adds {@code mapped}, the routes of {@code key}'s service (mapped here, or as its provider published
     * them), replacing the ones it had.
     *
     * @throws IllegalArgumentException for a route another interface has
     */
    synchronized void add(ServiceKey key, List<Route> mapped) {
        List<Served> next = new ArrayList<>(routes);
        next.removeIf(served -> served.key().equals(key));
        for (Route route : mapped) {
            Served other = sameRoute(next, route);
            if (other == null) {
                next.add(new Served(key, route));
            } else if (other.key().interfaceName().equals(key.interfaceName())) {
                log.warn("REST {} stays with {}; {} is reached by its other protocols", route, other.key(), key);
            } else {
                throw new IllegalArgumentException(
                        key + ": " + route + " of " + route.method().name()
                                + " is already served by " + other.key() + "."
                                + other.route().method().name()
                                + " (expected: one method per verb and path on a port)");
            }
        }
        next.sort(Comparator.comparingInt((Served s) -> -s.route().path().literalCount()));
        routes = List.copyOf(next);
    }

    private static Served sameRoute(List<Served> routes, Route route) {
        for (Served served : routes) {
            if (served.route().verb().equals(route.verb())
                    && served.route().path().shape().equals(route.path().shape())) {
                return served;
            }
        }
        return null;
    }

    /**
     * The route of {@code verb} and {@code rawPath} (without its query).
     *
     * @throws IllegalArgumentException if a segment's percent-encoding is broken
     */
    public Match match(String verb, String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(QueryStringDecoder.decodeComponent(segment));
            }
        }
        TreeSet<String> allowed = new TreeSet<>();
        for (Served served : routes) {
            Map<String, String> values = served.route().path().match(segments);
            if (values == null) {
                continue;
            }
            if (served.route().verb().equals(verb)) {
                return new Match(served, values, allowed);
            }
            allowed.add(served.route().verb());
        }
        return new Match(null, Map.of(), allowed);
    }

    /** The routes of {@code key}'s service. */
    List<Route> routesOf(ServiceKey key) {
        return routes.stream()
                .filter(served -> served.key().equals(key))
                .map(Served::route)
                .toList();
    }

    /** Every route, for descriptions. */
    public List<Served> routes() {
        return routes;
    }
}

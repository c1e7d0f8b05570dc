package io.courier.cluster.internal;

import io.courier.api.DynamicConfig;
import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcContext;
import io.courier.api.ServiceKey;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.CandidateSelector;
import io.courier.api.cluster.Directory;
import io.courier.api.cluster.LoadBalancer;
import io.courier.api.cluster.RouteKey;
import io.courier.api.cluster.Router;
import io.courier.api.cluster.RouterContext;
import io.courier.api.time.Ticker;
import io.courier.cluster.ClusterOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CandidateSelector} of one reference: routes from a {@link RouteTable} that is rebuilt
 * whenever the directory reports a change, with routers re-bound when the dynamic configuration is
 * a new one. Closing it stops listening to the directory (the directory itself stays open).
 */
public final class RoutingSelector implements CandidateSelector, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoutingSelector.class);

    private final Directory directory;
    private final List<Router> routers;
    private final LoadBalancer loadBalancer;
    private final ReferenceOptions options;
    private final String application;
    private final String host;
    private final ClusterOptions clusterOptions;
    private final Ticker ticker;
    private final Census census;
    private volatile RouteTable table;

    /** Methods (by index) whose untagged route key is kept; a service has far fewer. */
    private static final int MAX_CACHED_KEYS = 1024;

    /**
     * The route key of each method's untagged calls, by method index: most calls carry no tag, and
     * their key then costs nothing per call. Written without a lock: a key is immutable (its fields
     * final), so a thread that sees one sees it whole, and a write lost to a race only makes one more.
     */
    private RouteKey[] untaggedKeys = new RouteKey[0];

    private AutoCloseable subscription;
    /** Guarded by this. */
    private DynamicConfig boundConfig;
    /** Guarded by this. */
    private List<Router> boundRouters = List.of();

    private RoutingSelector(
            Directory directory,
            List<Router> routers,
            LoadBalancer loadBalancer,
            ReferenceOptions options,
            String application,
            String host,
            ClusterOptions clusterOptions,
            Ticker ticker) {
        this.clusterOptions = clusterOptions;
        this.ticker = ticker;
        this.census = new Census(directory.serviceKey(), ticker);
        this.directory = directory;
        this.routers = List.copyOf(routers);
        this.loadBalancer = loadBalancer;
        this.options = options;
        this.application = application;
        this.host = host;
    }

    /**
     * A selector over {@code directory}, routing with {@code routers} in the given order and picking
     * with {@code loadBalancer}; {@code application} and {@code host} describe this consumer to
     * condition rules.
     */
    public static RoutingSelector create(
            Directory directory,
            List<Router> routers,
            LoadBalancer loadBalancer,
            ReferenceOptions options,
            String application,
            String host) {
        return create(directory, routers, loadBalancer, options, application, host, ClusterOptions.defaults());
    }

    /** As {@link #create(Directory, List, LoadBalancer, ReferenceOptions, String, String)}, with cluster options. */
    public static RoutingSelector create(
            Directory directory,
            List<Router> routers,
            LoadBalancer loadBalancer,
            ReferenceOptions options,
            String application,
            String host,
            ClusterOptions clusterOptions) {
        return create(directory, routers, loadBalancer, options, application, host, clusterOptions, Ticker.SYSTEM);
    }

    /** With {@code ticker} timing the ready sets' rebuilds, for tests. */
    static RoutingSelector create(
            Directory directory,
            List<Router> routers,
            LoadBalancer loadBalancer,
            ReferenceOptions options,
            String application,
            String host,
            ClusterOptions clusterOptions,
            Ticker ticker) {
        RoutingSelector selector = new RoutingSelector(
                Objects.requireNonNull(directory, "directory"),
                routers,
                Objects.requireNonNull(loadBalancer, "loadBalancer"),
                Objects.requireNonNull(options, "options"),
                Objects.requireNonNullElse(application, ""),
                Objects.requireNonNullElse(host, ""),
                Objects.requireNonNull(clusterOptions, "clusterOptions"),
                Objects.requireNonNull(ticker, "ticker"));
        // Listen first, then read: a change racing with the first read is then never missed.
        AutoCloseable subscription = directory.addListener(selector::refresh);
        synchronized (selector) {
            selector.subscription = subscription;
        }
        selector.refresh();
        return selector;
    }

    /** The application's cluster options (the retry budget strategies give this reference). */
    public ClusterOptions clusterOptions() {
        return clusterOptions;
    }

    /**
     * The directory's dynamic configuration now (its {@code limits} carry the live hedging
     * settings). One volatile read.
     */
    public DynamicConfig config() {
        return directory.config();
    }

    @Override
    public ServiceKey serviceKey() {
        return directory.serviceKey();
    }

    @Override
    public ReferenceOptions options() {
        return options;
    }

    /** The tag propagation of the cluster invoker: see {@link CandidateSelector#prepare}. */
    @Override
    public Invocation prepare(Invocation invocation) {
        String own = invocation.attachment(RpcContext.TAG);
        if (own != null && !own.isEmpty()) {
            return invocation;
        }
        String tag = RpcContext.current().requestAttachments().get(RpcContext.TAG);
        if (tag == null || tag.isEmpty()) {
            tag = options.tag();
        }
        return tag.isEmpty() ? invocation : invocation.withAttachment(RpcContext.TAG, tag);
    }

    @Override
    public RouteKey routeKey(Invocation invocation) {
        String tag = invocation.attachment(RpcContext.TAG);
        if (tag == null || tag.isEmpty()) {
            tag = options.tag();
        }
        return tag.isEmpty() ? untagged(invocation.method()) : new RouteKey(invocation.method(), tag);
    }

    /** The key of {@code method}'s untagged calls, made once per method (see {@link #untaggedKeys}). */
    private RouteKey untagged(MethodDescriptor method) {
        int index = method.index();
        RouteKey[] keys = untaggedKeys;
        if (index >= 0 && index < keys.length) {
            RouteKey key = keys[index];
            if (key != null && key.method() == method) {
                return key;
            }
        }
        RouteKey key = new RouteKey(method, "");
        if (index >= 0 && index < MAX_CACHED_KEYS) {
            RouteKey[] grown = index < keys.length ? keys : Arrays.copyOf(keys, index + 1);
            grown[index] = key;
            untaggedKeys = grown;
        }
        return key;
    }

    @Override
    public List<Candidate> candidates() {
        return table.candidates();
    }

    @Override
    public List<Candidate> route(RouteKey key) {
        return table.route(key).candidates();
    }

    /**
     * Picks with the load balancer among the routed candidates not in {@code excluded} that are
     * ready (see {@link ReadySet}): one pick over the ready ones, whatever the share of dead
     * instances. A tagged call whose tagged instances are all unavailable for the method (ejected,
     * unreachable, circuit open) goes to the untagged fallback route instead, unless the reference
     * forces tags; tagged instances that were only tried, and are still available, keep the call (a
     * retry starts over among them). When nothing ready is left anywhere, a routed candidate that is
     * not ready (still connecting, or unreachable) is still tried, which beats failing without trying.
     */
    @Override
    public Candidate select(RouteKey key, Invocation invocation, Collection<? extends Candidate> excluded) {
        RouteTable current = table;
        Route route = current.route(key);
        if (route.picker() == null) {
            return null;
        }
        Candidate ready = route.ready().pick(invocation, excluded);
        if (ready != null) {
            return ready;
        }
        if (key.tagged() && !options.forceTag() && noneAvailable(route, invocation.method())) {
            Route fallback = current.fallback(key);
            if (fallback.picker() != null) {
                Candidate other = fallback.ready().pick(invocation, excluded);
                if (other != null) {
                    return other;
                }
            }
        }
        return route.picker().pick(invocation, excluded);
    }

    /** Rare path: whether every candidate of {@code route} is unavailable for {@code method}. */
    private static boolean noneAvailable(Route route, MethodDescriptor method) {
        for (int i = 0; i < route.candidates().size(); i++) {
            if (route.candidates().get(i).available(method)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The service's instances that could not take a call at the last count (at most a second old):
     * unreachable, still connecting, or ejected. For a metric; a WARN names them while there are any.
     */
    public int unreachable() {
        return census.unreachable();
    }

    /** Rebuilds the route table from the directory's current state. */
    synchronized void refresh() {
        DynamicConfig config = directory.config();
        if (config != boundConfig) {
            boundRouters = bind(config);
            boundConfig = config;
        }
        List<Candidate> candidates = List.copyOf(directory.candidates());
        census.follow(candidates);
        table = new RouteTable(candidates, boundRouters, loadBalancer, config, ticker, census);
    }

    private List<Router> bind(DynamicConfig config) {
        RouterContext context = new RouterContext(directory.serviceKey(), options, application, host, config);
        List<Router> bound = new ArrayList<>(routers.size());
        for (Router router : routers) {
            try {
                Router result = router.bind(context);
                if (result != null) {
                    bound.add(result);
                }
            } catch (RuntimeException e) {
                log.error(
                        "Router {} cannot be bound for {}; leaving it out",
                        router.getClass().getName(),
                        serviceKey(),
                        e);
            }
        }
        return List.copyOf(bound);
    }

    @Override
    public void close() {
        AutoCloseable current;
        synchronized (this) {
            current = subscription;
            subscription = null;
        }
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                log.warn("Removing the directory listener of {} failed", serviceKey(), e);
            }
        }
    }
}

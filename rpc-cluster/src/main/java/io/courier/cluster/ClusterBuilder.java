package io.courier.cluster;

import io.courier.api.Invoker;
import io.courier.api.ReferenceOptions;
import io.courier.api.cluster.Cluster;
import io.courier.api.cluster.Directory;
import io.courier.api.cluster.LoadBalancer;
import io.courier.api.cluster.Router;
import io.courier.cluster.internal.RoutingSelector;
import io.courier.cluster.internal.SelfPreparing;
import io.courier.spi.ExtensionLoader;
import io.courier.spi.Side;
import java.util.List;
import java.util.Objects;

/**
 * Turns a {@link Directory} into the one invoker a reference calls: routing (the activated
 * consumer-side {@link Router}s, in order), load balancing (the {@link LoadBalancer} named in the
 * options) and fault tolerance (the {@link Cluster} named in the options), plus tag propagation.
 *
 * <pre>{@code
 * Invoker invoker = ClusterBuilder.of(directory, options)
 *         .application("web")
 *         .host("10.0.0.7")
 *         .build();
 * }</pre>
 *
 * <p>Tag propagation: a call without a {@link io.courier.api.RpcContext#TAG} attachment takes the
 * tag of the request the calling thread is serving (so a tag follows a call chain downstream), else
 * the reference's default tag, and carries it to the provider as an attachment. The
 * {@code RpcContext} is read on the thread that calls the built invoker; Courier's proxies and
 * filters call it on the caller's thread.
 *
 * <p>Extension names are resolved in {@link #build()}, so an unknown name fails there with an
 * {@link io.courier.spi.ExtensionException} listing the known ones. Not thread-safe; the built
 * invoker is.
 */
public final class ClusterBuilder {

    private final Directory directory;
    private final ReferenceOptions options;
    private String application = "";
    private String host = "";
    private List<Router> routers;
    private LoadBalancer loadBalancer;
    private Cluster cluster;
    private ClusterOptions clusterOptions = ClusterOptions.defaults();
    private RoutingSelector built;

    private ClusterBuilder(Directory directory, ReferenceOptions options) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.options = Objects.requireNonNull(options, "options");
    }

    public static ClusterBuilder of(Directory directory, ReferenceOptions options) {
        return new ClusterBuilder(directory, options);
    }

    /** The consumer application's name, matched by {@code consumer.app} in condition rules. */
    public ClusterBuilder application(String application) {
        this.application = Objects.requireNonNull(application, "application");
        return this;
    }

    /** The consumer's host address, matched by {@code consumer.host} in condition rules. */
    public ClusterBuilder host(String host) {
        this.host = Objects.requireNonNull(host, "host");
        return this;
    }

    /** Routers to use instead of the activated ones, in chain order. */
    public ClusterBuilder routers(List<Router> routers) {
        this.routers = List.copyOf(routers);
        return this;
    }

    /** A load balancer to use instead of the one named in the options. */
    public ClusterBuilder loadBalancer(LoadBalancer loadBalancer) {
        this.loadBalancer = Objects.requireNonNull(loadBalancer, "loadBalancer");
        return this;
    }

    /** The application's retry budget and ejection figures; {@link ClusterOptions#defaults()} if not set. */
    public ClusterBuilder clusterOptions(ClusterOptions clusterOptions) {
        this.clusterOptions = Objects.requireNonNull(clusterOptions, "clusterOptions");
        return this;
    }

    /** A strategy to use instead of the one named in the options. */
    public ClusterBuilder cluster(Cluster cluster) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        return this;
    }

    /**
     * The reference's invoker. It stays valid, following the directory, until the directory is
     * closed; then calls fail with {@code NO_PROVIDER}.
     */
    public Invoker build() {
        List<Router> chain =
                routers != null ? routers : ExtensionLoader.of(Router.class).activated(Side.CONSUMER);
        LoadBalancer balancer = loadBalancer != null
                ? loadBalancer
                : ExtensionLoader.of(LoadBalancer.class).get(options.loadBalancer());
        Cluster strategy =
                cluster != null ? cluster : ExtensionLoader.of(Cluster.class).get(options.cluster());
        RoutingSelector selector =
                RoutingSelector.create(directory, chain, balancer, options, application, host, clusterOptions);
        built = selector;
        Invoker joined = strategy.join(selector);
        // The built-in strategies propagate the tag themselves (CandidateSelector.prepare), in the
        // cluster invoker; another strategy gets the link that does it in front.
        return joined.as(SelfPreparing.class).isPresent() ? joined : new TagPropagatingInvoker(joined, options.tag());
    }

    /**
     * The selector of the invoker {@link #build()} returned last, for a gauge of
     * {@link RoutingSelector#unreachable()}; the invoker holds it as long as it lives.
     *
     * @throws IllegalStateException before {@link #build()}
     */
    public RoutingSelector selector() {
        if (built == null) {
            throw new IllegalStateException("selector: none yet (expected: after build())");
        }
        return built;
    }
}

package io.courier.cluster;

import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.LiveSettings;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcResult;
import io.courier.api.cluster.Directory;
import io.courier.cluster.internal.RoutingSelector;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reference's cluster invoker that follows the live settings of the directory's dynamic
 * configuration ({@link LiveSettings#retries()}, {@link LiveSettings#loadBalancer()},
 * {@link LiveSettings#timeoutMillis()}): when they change the options in force, the invoker is
 * built again with the new options and
 * replaces the old one for the next call; calls already running finish on the old one. An unknown
 * load balancer name is logged and the invoker in force stays. Thread-safe; the per-call cost is
 * one volatile read.
 */
public final class LiveCluster implements Invoker, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveCluster.class);

    private final Directory directory;
    private final ReferenceOptions base;
    private final Function<ReferenceOptions, ClusterBuilder> builders;
    /** Guarded by this. */
    private AutoCloseable subscription;
    /** Guarded by this. */
    private ReferenceOptions effective;
    /** Guarded by this. */
    private ClusterBuilder built;

    private volatile Invoker current;

    private LiveCluster(
            Directory directory, ReferenceOptions base, Function<ReferenceOptions, ClusterBuilder> builders) {
        this.directory = directory;
        this.base = base;
        this.builders = builders;
        this.effective = base;
        this.built = builders.apply(base);
        this.current = built.build();
    }

    /**
     * A live cluster over {@code directory}: {@code builders} makes the builder of the invoker for
     * given options (the same directory, application, host and cluster options each time).
     */
    public static LiveCluster of(
            Directory directory, ReferenceOptions options, Function<ReferenceOptions, ClusterBuilder> builders) {
        LiveCluster cluster = new LiveCluster(directory, options, builders);
        // Listen first, then read: a change racing with the first read is then never missed.
        AutoCloseable subscription = directory.addListener(cluster::refresh);
        synchronized (cluster) {
            cluster.subscription = subscription;
        }
        cluster.refresh();
        return cluster;
    }

    /** The reference's options with {@code live} applied: what the invoker in force is built with. */
    public static ReferenceOptions apply(ReferenceOptions options, LiveSettings live) {
        if (live.retries() < 0 && live.loadBalancer().isEmpty() && live.timeoutMillis() < 0) {
            return options;
        }
        ReferenceOptions.Builder builder = options.toBuilder();
        if (live.retries() >= 0) {
            builder.retries(live.retries());
        }
        if (!live.loadBalancer().isEmpty()) {
            builder.loadBalancer(live.loadBalancer());
        }
        if (live.timeoutMillis() > 0) {
            builder.timeoutMillis(live.timeoutMillis());
        }
        return builder.build();
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        return current.invoke(invocation);
    }

    /** The options the invoker in force was built with. */
    public synchronized ReferenceOptions options() {
        return effective;
    }

    /** How many instances the invoker in force cannot call now (unreachable, connecting or ejected), for gauges. */
    public synchronized int unreachable() {
        return built.selector().unreachable();
    }

    /** How many listed instances the invoker in force can call now (listed minus {@link #unreachable()}), for gauges. */
    public synchronized int ready() {
        return Math.max(0, directory.candidates().size() - built.selector().unreachable());
    }

    private void refresh() {
        ReferenceOptions wanted = apply(base, directory.config().live());
        synchronized (this) {
            if (wanted.equals(effective)) {
                return;
            }
            ClusterBuilder builder = builders.apply(wanted);
            Invoker invoker;
            try {
                invoker = builder.build();
            } catch (RuntimeException e) {
                log.warn(
                        "Cannot apply the live settings of {} (retries {}, load balancer '{}'); the invoker in force"
                                + " stays: {}",
                        directory.serviceKey(),
                        wanted.retries(),
                        wanted.loadBalancer(),
                        e.getMessage());
                return;
            }
            RoutingSelector old = built.selector();
            built = builder;
            effective = wanted;
            current = invoker;
            log.info(
                    "{} now calls with timeout {} ms, retries {} and load balancer {}",
                    directory.serviceKey(),
                    wanted.timeoutMillis(),
                    wanted.retries(),
                    wanted.loadBalancer());
            old.close();
        }
    }

    @Override
    public void close() {
        AutoCloseable listening;
        synchronized (this) {
            listening = subscription;
            subscription = null;
            built.selector().close();
        }
        if (listening != null) {
            try {
                listening.close();
            } catch (Exception e) {
                log.debug("Removing the directory listener of {} failed", directory.serviceKey(), e);
            }
        }
    }
}

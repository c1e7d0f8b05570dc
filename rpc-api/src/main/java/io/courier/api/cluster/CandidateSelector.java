package io.courier.api.cluster;

import io.courier.api.Invocation;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcContext;
import io.courier.api.ServiceKey;
import java.util.Collection;
import java.util.List;

/**
 * Routed and balanced access to the candidates of one service: what a {@link Cluster} strategy
 * calls to choose where each attempt goes. Built by the cluster layer over a {@link Directory},
 * the router chain and a {@link LoadBalancer}; routes are cached per {@link RouteKey} and
 * recomputed only when the directory's candidates or configuration change.
 *
 * <p>Thread-safe and non-blocking; every method is cheap enough to call once per attempt.
 */
public interface CandidateSelector {

    ServiceKey serviceKey();

    /** The reference's options, as the selector was built with them. */
    ReferenceOptions options();

    /**
     * {@code invocation} as a strategy sends it: when it has no routing tag of its own, with the tag
     * of the request this thread is serving, else the reference's default tag, as the {@link
     * RpcContext#TAG} attachment, so that routing sees it and the provider passes it on. A strategy
     * calls it once per call, before {@link #routeKey}; calling it again changes nothing. The default
     * returns {@code invocation} unchanged.
     */
    default Invocation prepare(Invocation invocation) {
        return invocation;
    }

    /**
     * The routing key of {@code invocation}: its method and its tag, which is the
     * {@link RpcContext#TAG} attachment, else the reference's default tag.
     */
    RouteKey routeKey(Invocation invocation);

    /** Every known candidate, before routing; an immutable snapshot (for messages and metrics). */
    List<Candidate> candidates();

    /** The candidates calls with {@code key} may go to, after routing; immutable, may be empty. */
    List<Candidate> route(RouteKey key);

    /**
     * A routed candidate for an attempt of {@code invocation}, chosen by the load balancer among
     * those not in {@code excluded}; unavailable candidates are avoided while an available one is
     * left. {@code null} when the route is empty or every routed candidate is excluded.
     */
    Candidate select(RouteKey key, Invocation invocation, Collection<? extends Candidate> excluded);
}

package io.courier.cluster.router;

import io.courier.api.Endpoint;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.RouteKey;
import io.courier.api.cluster.Router;
import io.courier.api.cluster.RouterContext;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code disabled}, first in the chain (order 100): removes the instances whose address dynamic
 * configuration lists in {@link io.courier.api.DynamicConfig#disabled()}, and those it gives weight 0
 * (drained: an operator turned its share of calls down to nothing). It runs first so that no
 * later router (a tag fallback, a rule) can bring a disabled instance back. Disabling every
 * instance makes calls fail with {@code NO_PROVIDER}, as the operator asked.
 */
@Extension("disabled")
@Activate(sides = Side.CONSUMER, order = 100)
public final class DisabledRouter implements Router {

    private final Set<Endpoint> disabled;

    /** The extension: disables nothing until bound to a configuration. */
    public DisabledRouter() {
        this(Set.of());
    }

    private DisabledRouter(Set<Endpoint> disabled) {
        this.disabled = disabled;
    }

    @Override
    public Router bind(RouterContext context) {
        Set<Endpoint> configured = new HashSet<>(context.config().disabled());
        context.config().weights().forEach((endpoint, weight) -> {
            if (weight == 0) {
                configured.add(endpoint);
            }
        });
        return configured.isEmpty() ? null : new DisabledRouter(Set.copyOf(configured));
    }

    @Override
    public <C extends Candidate> List<C> route(List<C> candidates, RouteKey key) {
        if (disabled.isEmpty()) {
            return candidates;
        }
        List<C> enabled = new ArrayList<>(candidates.size());
        for (C candidate : candidates) {
            if (!disabled.contains(candidate.instance().endpoint())) {
                enabled.add(candidate);
            }
        }
        return enabled.size() == candidates.size() ? candidates : enabled;
    }
}

package io.courier.cluster.router;

import io.courier.api.DynamicConfig;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.RouteKey;
import io.courier.api.cluster.Router;
import io.courier.api.cluster.RouterContext;
import io.courier.cluster.internal.ProviderTags;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code tag}, last in the chain (order 300): canary and grey releases.
 *
 * <p>A provider's tags are those it registered plus those dynamic configuration adds to its
 * address. A call's tag is its {@link io.courier.api.RpcContext#TAG} attachment, else the
 * reference's default tag.
 *
 * <ul>
 *   <li>A tagged call goes to the instances carrying that tag. If there are none, it falls back to
 *       the untagged instances (or to every instance when none is untagged), unless the reference
 *       forces tags ({@code forceTag}), in which case it fails with {@code NO_PROVIDER}.
 *   <li>An untagged call goes to the untagged instances, so that a canary receives only the
 *       traffic tagged for it; when every instance is tagged, it goes to all of them.
 * </ul>
 *
 * Routes are cached, so this router cannot see availability; the selector adds it: when every
 * instance a tagged call was routed to is unavailable for its method (ejected, unreachable, or its
 * circuit breaker open), a non-forced call goes where this chain routes it without those instances,
 * i.e. to the untagged ones.
 *
 * <p>It runs after the condition router so that the fallback stays within what the rules allow.
 */
@Extension("tag")
@Activate(sides = Side.CONSUMER, order = 300)
public final class TagRouter implements Router {

    private final boolean forced;
    private final DynamicConfig config;

    /** The extension: tags not forced, no configured tags, until bound. */
    public TagRouter() {
        this(false, DynamicConfig.EMPTY);
    }

    private TagRouter(boolean forced, DynamicConfig config) {
        this.forced = forced;
        this.config = config;
    }

    @Override
    public Router bind(RouterContext context) {
        return new TagRouter(context.options().forceTag(), context.config());
    }

    @Override
    public <C extends Candidate> List<C> route(List<C> candidates, RouteKey key) {
        List<C> tagged = new ArrayList<>();
        List<C> untagged = new ArrayList<>();
        for (C candidate : candidates) {
            Set<String> tags = ProviderTags.of(candidate, config);
            if (tags.isEmpty()) {
                untagged.add(candidate);
            } else if (key.tagged() && tags.contains(key.tag())) {
                tagged.add(candidate);
            }
        }
        if (key.tagged()) {
            if (!tagged.isEmpty()) {
                return tagged;
            }
            if (forced) {
                return List.of();
            }
        }
        return untagged.isEmpty() ? candidates : untagged;
    }
}

package io.courier.api.cluster;

import io.courier.api.ErrorCode;
import io.courier.spi.ExtensionPoint;
import java.util.List;

/**
 * Narrows the candidates a call may go to: tags, condition rules, disabled instances.
 *
 * <p>Routers are extensions activated on the consumer side: list the class in
 * {@code META-INF/services/io.courier.api.cluster.Router}, name it with {@link io.courier.spi.Extension}
 * and give its place in the chain with {@link io.courier.spi.Activate}
 * ({@code sides = CONSUMER}; lower orders run first). Courier's own routers run in this order:
 * {@code disabled} (100), {@code condition} (200), {@code tag} (300).
 *
 * <p>Routing is not done per call. For each reference, {@link #bind(RouterContext)} is called once
 * with the current dynamic configuration and again every time the configuration changes; the bound
 * routers' {@link #route} results are cached per {@link RouteKey} and recomputed only when the
 * provider set or the configuration changes. A router therefore sees a {@link RouteKey}, never the
 * call's arguments, and must give the same answer for the same candidates and key.
 *
 * <p>Implementations are thread-safe and never block; {@code route} must not modify its argument.
 */
@ExtensionPoint(formerly = "io.courier.api.Router")
public interface Router {

    /**
     * Prepares this router for one reference under one configuration. Called when the reference is
     * created and after each configuration change; the previous bound router is then discarded.
     *
     * @return the router to put in the chain (this one by default), or {@code null} to stay out of
     *     the chain (e.g. because the configuration has no rule for it)
     */
    default Router bind(RouterContext context) {
        return this;
    }

    /**
     * The subset of {@code candidates} that may serve calls with {@code key}, in their original
     * order; may be empty, which makes such calls fail with {@link ErrorCode#NO_PROVIDER}.
     * {@code candidates} is immutable; return it unchanged when nothing is filtered out.
     */
    <C extends Candidate> List<C> route(List<C> candidates, RouteKey key);
}

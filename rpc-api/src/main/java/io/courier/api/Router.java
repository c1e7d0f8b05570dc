package io.courier.api;

import io.courier.spi.ExtensionPoint;
import java.util.List;

/**
 * Narrows the candidates a call may go to (tags, condition rules, disabled instances). Routers form
 * a chain in a documented order; the cluster caches their output per routing key and recomputes it
 * only when the provider set or the routing configuration changes. Thread-safe.
 */
@ExtensionPoint
public interface Router {

    /** The subset of {@code candidates} that may serve {@code invocation}; may be empty. */
    <C extends Candidate> List<C> route(List<C> candidates, Invocation invocation);
}

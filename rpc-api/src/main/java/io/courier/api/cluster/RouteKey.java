package io.courier.api.cluster;

import io.courier.api.MethodDescriptor;
import io.courier.api.RpcContext;
import java.util.Objects;

/**
 * What routing may depend on: the method called and the call's routing tag. Routes are computed
 * and cached per key, so a {@link Router} sees a key rather than the call itself and cannot
 * depend on arguments or other per-call data. Immutable.
 *
 * @param method the method called
 * @param tag the call's routing tag (see {@link RpcContext#TAG}); empty for none
 */
public record RouteKey(MethodDescriptor method, String tag) {

    public RouteKey {
        Objects.requireNonNull(method, "method");
        tag = tag == null ? "" : tag;
    }

    /** Whether the call carries a routing tag. */
    public boolean tagged() {
        return !tag.isEmpty();
    }

    @Override
    public String toString() {
        return tag.isEmpty() ? method.descriptor() : method.descriptor() + " [tag " + tag + "]";
    }
}

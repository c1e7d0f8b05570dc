package io.courier.cluster.testing;

import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.cluster.RouteKey;
import java.util.Map;

/** Invocations and route keys of {@link Greeter} for tests. */
public final class Calls {

    private Calls() {}

    public static Invocation of(MethodDescriptor method, Object... arguments) {
        return Invocation.of(Greeter.KEY, method, arguments);
    }

    public static Invocation tagged(String tag, MethodDescriptor method, Object... arguments) {
        return Invocation.of(Greeter.KEY, method, arguments, Map.of(io.courier.api.RpcContext.TAG, tag));
    }

    public static RouteKey key(MethodDescriptor method) {
        return new RouteKey(method, "");
    }

    public static RouteKey key(MethodDescriptor method, String tag) {
        return new RouteKey(method, tag);
    }
}

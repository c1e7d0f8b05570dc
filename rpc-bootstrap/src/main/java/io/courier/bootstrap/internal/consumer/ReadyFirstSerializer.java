package io.courier.bootstrap.internal.consumer;

import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcResult;
import io.courier.api.serialization.Serializer;
import java.util.concurrent.CompletableFuture;

/**
 * One endpoint's invoker while the serializer the consumer prefers for it is still getting ready
 * (Fory binding in the background under {@code auto}): each call goes in the other serializer the
 * provider lists ({@code meanwhile}, protostuff) until {@link Serializer#ready()}, then in the
 * preferred one for good. Both invokers share the endpoint's connections; a call is written and its
 * answer read in the one serializer it was sent with, so a switch between calls is safe. Only
 * references made before the serializer was ready get one of these. Thread-safe.
 */
final class ReadyFirstSerializer implements Invoker {

    private final Invoker preferred;
    private final Invoker meanwhile;
    private final Serializer serializer;
    /** Set once {@code serializer} answered ready, so that later calls ask nothing. */
    private volatile boolean ready;

    ReadyFirstSerializer(Invoker preferred, Invoker meanwhile, Serializer serializer) {
        this.preferred = preferred;
        this.meanwhile = meanwhile;
        this.serializer = serializer;
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        return current().invoke(invocation);
    }

    private Invoker current() {
        if (ready) {
            return preferred;
        }
        if (serializer.ready()) {
            ready = true;
            return preferred;
        }
        return meanwhile;
    }

    @Override
    public boolean available() {
        return preferred.available();
    }

    @Override
    public boolean available(MethodDescriptor method) {
        return preferred.available(method);
    }

    @Override
    public Invoker unwrap() {
        return current();
    }

    @Override
    public String toString() {
        return (ready ? "" : "(until " + serializer + " is ready: " + meanwhile + ") ") + preferred;
    }
}

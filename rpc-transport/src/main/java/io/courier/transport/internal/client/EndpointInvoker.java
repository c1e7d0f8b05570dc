package io.courier.transport.internal.client;

import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.transport.CallOptions;
import io.courier.transport.internal.channel.NotSent;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Calls one service on one endpoint through that endpoint's pool. The usual call finds a ready
 * connection and goes straight to it; only a call that must wait for a connect takes a detour
 * through a future.
 *
 * <p>Every call gets a future that completes: a failure thrown while picking, connecting or
 * sending, on the caller's thread or in the connect's callback, fails the call with an
 * {@link RpcException} "not executed", since the request cannot have reached the socket.
 */
public final class EndpointInvoker implements Invoker {

    private final EndpointPool pool;
    private final CallOptions options;
    /** The timeout in force when it can change live; {@code null} for {@code options}' own. */
    private final LongSupplier timeoutMillis;
    /** {@code options} with the live timeout last seen, so that an unchanged one allocates nothing. */
    private volatile CallOptions live;

    public EndpointInvoker(EndpointPool pool, CallOptions options) {
        this(pool, options, null);
    }

    public EndpointInvoker(EndpointPool pool, CallOptions options, LongSupplier timeoutMillis) {
        this.pool = pool;
        this.options = options;
        this.timeoutMillis = timeoutMillis;
        this.live = options;
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        CallOptions options = optionsInForce();
        ClientConnection ready;
        try {
            ready = pool.pick();
            if (ready != null) {
                return ready.send(invocation, options);
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(NotSent.of(e, invocation));
        }
        CompletableFuture<RpcResult> result = new CompletableFuture<>();
        CompletableFuture<ClientConnection> connection;
        try {
            connection = pool.acquire();
        } catch (RuntimeException e) {
            result.completeExceptionally(NotSent.of(e, invocation));
            return result;
        }
        connection.whenComplete((acquired, failure) -> {
            if (failure != null) {
                result.completeExceptionally(NotSent.of(RpcException.unwrap(failure), invocation));
                return;
            }
            CompletableFuture<RpcResult> sent;
            try {
                sent = acquired.send(invocation, options);
            } catch (RuntimeException e) {
                // Thrown here it would vanish into the connect's dependent future and leave the call hanging.
                result.completeExceptionally(NotSent.of(e, invocation));
                return;
            }
            sent.whenComplete((value, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            });
        });
        return result;
    }

    /**
     * As {@link #invoke(Invocation)}, telling {@code whenDone} instead of completing a future: on a ready connection
     * the IO thread that reads the response runs {@code whenDone} directly, with no future or completion stage
     * between (see {@link ClientConnection#send(Invocation, CallOptions, BiConsumer)}). A call that must wait for a
     * connect takes the future's way.
     */
    @Override
    public void invoke(Invocation invocation, BiConsumer<RpcResult, Throwable> whenDone) {
        CallOptions options;
        ClientConnection ready;
        try {
            options = optionsInForce();
            ready = pool.pick();
        } catch (RuntimeException e) {
            PendingCall.tell(whenDone, null, NotSent.of(e, invocation));
            return;
        }
        if (ready != null) {
            // Tells whenDone of every failure itself, once; outside the try so that nothing tells it twice.
            ready.send(invocation, options, whenDone);
        } else {
            invoke(invocation).whenComplete(whenDone);
        }
    }

    private CallOptions optionsInForce() {
        if (timeoutMillis == null) {
            return options;
        }
        long millis = timeoutMillis.getAsLong();
        CallOptions current = live;
        if (current.timeoutMillis() != millis) {
            current = options.withTimeoutMillis(millis);
            live = current;
        }
        return current;
    }

    /** Whether the endpoint can take calls now (see {@link EndpointPool#available()}). */
    @Override
    public boolean available() {
        return pool.available();
    }

    @Override
    public String toString() {
        return "EndpointInvoker(" + pool.endpoint() + ")";
    }
}

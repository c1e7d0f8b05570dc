package io.courier.dubbo.internal;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.transport.KeptConnection;
import io.courier.transport.KeptConnections;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.util.AttributeKey;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The connection to one Dubbo provider, as Dubbo's own consumer keeps it: one connection shared by
 * every call, connected when the endpoint is first leased, connected again in the background after a
 * loss (a {@link KeptConnection}: exponential backoff and jitter), and the table of its calls in flight. The endpoint is
 * {@link #available()} while connected and the provider has not announced that it is closing (Dubbo's
 * read-only event). A lost connection fails its calls in flight with {@code NETWORK}. Thread-safe.
 */
final class DubboEndpoint implements KeptConnections.Connection {

    /** The endpoint a channel belongs to, for the pipeline's handler. */
    static final AttributeKey<DubboEndpoint> OWNER = AttributeKey.valueOf("courier.dubbo.endpoint");

    /** A call waiting for its answer. */
    record Pending(MethodDescriptor method, DeserializationPolicy policy, CompletableFuture<RpcResult> result) {}

    private final KeptConnection kept;
    private final Timer timer;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Long, Timeout> timeouts = new ConcurrentHashMap<>();
    private volatile boolean readOnly;
    private volatile boolean closeWhenIdle;

    DubboEndpoint(
            Endpoint endpoint,
            Bootstrap bootstrap,
            EventLoopGroup group,
            Timer timer,
            long backoffBaseMillis,
            long backoffMaxMillis) {
        this.timer = timer;
        this.kept = new KeptConnection(
                endpoint,
                "Dubbo provider",
                bootstrap,
                group,
                backoffBaseMillis,
                backoffMaxMillis,
                new KeptConnection.Hooks() {
                    @Override
                    public void connected(Channel channel) {
                        channel.attr(OWNER).set(DubboEndpoint.this);
                        readOnly = false;
                    }

                    @Override
                    public void lost(Channel channel, boolean expected) {
                        failAll(new RpcException(
                                ErrorCode.NETWORK, false, "connection to Dubbo provider " + endpoint + " lost", null));
                    }
                });
    }

    Endpoint endpoint() {
        return kept.endpoint();
    }

    /** Whether a call sent now goes straight to a connected provider that is not closing. */
    boolean available() {
        return !readOnly && kept.available();
    }

    /**
     * The connected channel, or the connect under way; fails with {@code CONNECT_FAILED} (not
     * executed) while a failed connect's backoff lasts, and {@code CLOSED} once closed.
     */
    @Override
    public CompletableFuture<Channel> channel() {
        return kept.channel();
    }

    /** Puts call {@code id} on the table until its answer, its timeout or the connection's loss. */
    void await(long id, Pending call, long timeoutMillis) {
        pending.put(id, call);
        Timeout timeout = timer.newTimeout(
                ignored -> {
                    Pending late = take(id);
                    if (late != null) {
                        late.result()
                                .completeExceptionally(new RpcException(
                                        ErrorCode.TIMEOUT,
                                        false,
                                        "Dubbo provider " + kept.endpoint() + " did not answer "
                                                + call.method().name() + " within " + timeoutMillis + " ms",
                                        null));
                    }
                },
                timeoutMillis,
                TimeUnit.MILLISECONDS);
        timeouts.put(id, timeout);
        if (!pending.containsKey(id)) {
            // answered before its timeout was set
            timeout.cancel();
            timeouts.remove(id);
        }
    }

    /** Takes call {@code id} off the table: {@code null} when it already ended. */
    Pending take(long id) {
        Pending call = pending.remove(id);
        if (call != null) {
            Timeout timeout = timeouts.remove(id);
            if (timeout != null) {
                timeout.cancel();
            }
            if (closeWhenIdle && pending.isEmpty()) {
                closeChannel();
            }
        }
        return call;
    }

    /** The provider announced that it is closing: no new call goes to it. */
    void readOnly() {
        readOnly = true;
    }

    /** No lease is left: closes once the calls in flight have ended. */
    @Override
    public void closeWhenIdle() {
        kept.stop();
        closeWhenIdle = true;
        if (pending.isEmpty()) {
            closeChannel();
        }
    }

    /** Closes at once, failing the calls in flight with {@code CLOSED}. */
    @Override
    public void close() {
        kept.close();
        failAll(new RpcException(ErrorCode.CLOSED, false, "Dubbo client closed", null));
    }

    private void closeChannel() {
        Channel current = kept.current();
        if (current != null) {
            current.close();
        }
    }

    private void failAll(RpcException failure) {
        List<Long> ids = new ArrayList<>(pending.keySet());
        for (Long id : ids) {
            Pending call = take(id);
            if (call != null) {
                call.result().completeExceptionally(failure);
            }
        }
    }

    @Override
    public String toString() {
        return "DubboEndpoint(" + kept.endpoint() + ")";
    }
}

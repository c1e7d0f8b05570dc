package io.courier.dubbo.internal;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.serialization.DeserializationPolicy;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.AttributeKey;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The connection to one Dubbo provider, as Dubbo's own consumer keeps it: one connection shared by
 * every call, connected when the endpoint is first leased, connected again in the background after a
 * loss (with exponential backoff and jitter), and the table of its calls in flight. The endpoint is
 * {@link #available()} while connected and the provider has not announced that it is closing (Dubbo's
 * read-only event). A lost connection fails its calls in flight with {@code NETWORK}. Thread-safe.
 */
final class DubboEndpoint {

    /** The endpoint a channel belongs to, for the pipeline's handler. */
    static final AttributeKey<DubboEndpoint> OWNER = AttributeKey.valueOf("courier.dubbo.endpoint");

    /** A call waiting for its answer. */
    record Pending(MethodDescriptor method, DeserializationPolicy policy, CompletableFuture<RpcResult> result) {}

    private final Endpoint endpoint;
    private final Bootstrap bootstrap;
    private final Timer timer;
    private final long backoffBaseMillis;
    private final long backoffMaxMillis;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Long, Timeout> timeouts = new ConcurrentHashMap<>();
    private volatile Channel channel;
    private volatile boolean readOnly;
    private volatile boolean closed;
    private volatile boolean closeWhenIdle;
    // guarded by this
    private CompletableFuture<Channel> connecting;
    private int failures;
    private long retryAtNanos;

    DubboEndpoint(Endpoint endpoint, Bootstrap bootstrap, Timer timer, long backoffBaseMillis, long backoffMaxMillis) {
        this.endpoint = endpoint;
        this.bootstrap = bootstrap;
        this.timer = timer;
        this.backoffBaseMillis = backoffBaseMillis;
        this.backoffMaxMillis = backoffMaxMillis;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** Whether a call sent now goes straight to a connected provider that is not closing. */
    boolean available() {
        Channel current = channel;
        return !closed && !readOnly && current != null && current.isActive();
    }

    /**
     * The connected channel, or the connect under way; fails with {@code CONNECT_FAILED} (not
     * executed) while a failed connect's backoff lasts, and {@code CLOSED} once closed.
     */
    synchronized CompletableFuture<Channel> channel() {
        if (closed) {
            return CompletableFuture.failedFuture(new RpcException(
                    ErrorCode.CLOSED, true, "connection to Dubbo provider " + endpoint + " closed", null));
        }
        Channel current = channel;
        if (current != null && current.isActive()) {
            return CompletableFuture.completedFuture(current);
        }
        if (connecting != null) {
            return connecting;
        }
        long waitNanos = retryAtNanos - System.nanoTime();
        if (failures > 0 && waitNanos > 0) {
            return CompletableFuture.failedFuture(new RpcException(
                    ErrorCode.CONNECT_FAILED,
                    true,
                    "Dubbo provider " + endpoint + " unreachable; connecting again in "
                            + TimeUnit.NANOSECONDS.toMillis(waitNanos) + " ms",
                    null));
        }
        CompletableFuture<Channel> connect = new CompletableFuture<>();
        connecting = connect;
        bootstrap
                .connect(endpoint.host(), endpoint.port())
                .addListener(done -> onConnect((ChannelFuture) done, connect));
        return connect;
    }

    private void onConnect(ChannelFuture done, CompletableFuture<Channel> connect) {
        Channel connected = done.channel();
        synchronized (this) {
            connecting = null;
            if (done.isSuccess() && !closed) {
                connected.attr(OWNER).set(this);
                channel = connected;
                failures = 0;
                readOnly = false;
                connected.closeFuture().addListener(ignored -> onClosed(connected));
            } else {
                failures++;
                retryAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis());
            }
        }
        if (done.isSuccess() && !closed) {
            connect.complete(connected);
            return;
        }
        if (done.isSuccess()) {
            connected.close();
        }
        connect.completeExceptionally(new RpcException(
                ErrorCode.CONNECT_FAILED,
                true,
                "could not connect to Dubbo provider " + endpoint
                        + (done.cause() == null ? "" : ": " + done.cause().getMessage()),
                done.cause()));
        reconnectLater();
    }

    private void onClosed(Channel lost) {
        synchronized (this) {
            if (channel != lost) {
                return;
            }
            channel = null;
            failures = Math.max(failures, 1);
            retryAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis());
        }
        failAll(new RpcException(ErrorCode.NETWORK, false, "connection to Dubbo provider " + endpoint + " lost", null));
        reconnectLater();
    }

    /** While the endpoint is leased, a lost or refused connection is tried again in the background. */
    private void reconnectLater() {
        if (closed) {
            return;
        }
        long delay;
        synchronized (this) {
            delay = Math.max(1, TimeUnit.NANOSECONDS.toMillis(retryAtNanos - System.nanoTime()));
        }
        try {
            timer.newTimeout(
                    ignored -> {
                        if (!closed && channel == null) {
                            channel();
                        }
                    },
                    delay,
                    TimeUnit.MILLISECONDS);
        } catch (IllegalStateException e) {
            // the timer stopped: the protocol is closing
        }
    }

    private long backoffMillis() {
        long exponential = backoffBaseMillis << Math.min(failures - 1, 16);
        long capped = Math.min(backoffMaxMillis, Math.max(backoffBaseMillis, exponential));
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
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
                                        "Dubbo provider " + endpoint + " did not answer "
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
    void closeWhenIdle() {
        closed = true;
        closeWhenIdle = true;
        if (pending.isEmpty()) {
            closeChannel();
        }
    }

    /** Closes at once, failing the calls in flight with {@code CLOSED}. */
    void close() {
        closed = true;
        closeChannel();
        failAll(new RpcException(ErrorCode.CLOSED, false, "Dubbo client closed", null));
    }

    private void closeChannel() {
        Channel current = channel;
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
        return "DubboEndpoint(" + endpoint + ")";
    }
}

package io.courier.transport.internal.server;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.transport.CallCallback;
import io.courier.transport.ProviderCall;
import io.courier.transport.ServiceExport;
import io.courier.transport.internal.executor.CallPlacement;
import io.courier.transport.internal.executor.ServerContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call of another protocol on the port ({@link PortConnection#submit}) where it runs: decodes the
 * invocation, runs the service's invoker under the request's {@link io.courier.api.RpcContext}, and reports the end
 * once. Its states make a cancel before the start win over the start, so a cancelled call never runs.
 */
final class PortCall implements Runnable, ProviderCall {

    private static final Logger log = LoggerFactory.getLogger(PortCall.class);

    private static final int WAITING = 0;
    private static final int RUNNING = 1;
    private static final int CANCELLED = 2;

    private final ServiceExport service;
    private final Supplier<Invocation> request;
    private final CallCallback callback;
    private final ServerConnection connection;
    private final ServerContext server;
    /** The method's placement under the adaptive pool, told how long the call took; may be null. */
    private final CallPlacement placement;

    private final AtomicInteger state = new AtomicInteger(WAITING);
    private volatile CompletableFuture<RpcResult> pending;

    PortCall(
            ServiceExport service,
            Supplier<Invocation> request,
            CallCallback callback,
            ServerConnection connection,
            ServerContext server,
            CallPlacement placement) {
        this.placement = placement;
        this.service = service;
        this.request = request;
        this.callback = callback;
        this.connection = connection;
        this.server = server;
    }

    @Override
    public void run() {
        if (!state.compareAndSet(WAITING, RUNNING)) {
            return;
        }
        CallTiming timing = CallTiming.start(placement, connection.channel());
        try {
            runNow();
        } finally {
            if (timing != null) {
                timing.end();
            }
        }
    }

    private void runNow() {
        Invocation invocation;
        try {
            invocation = request.get();
        } catch (RpcException e) {
            end(null, e);
            return;
        } catch (RuntimeException e) {
            log.debug("a {} request could not be decoded", service.key(), e);
            end(null, new RpcException(ErrorCode.BAD_REQUEST, "request could not be decoded: " + e.getMessage()));
            return;
        }
        CompletableFuture<RpcResult> result = RequestTask.invoke(service, invocation, connection);
        pending = result;
        result.whenComplete(this::end);
    }

    /** The executor would not take it: ends it refused, not executed. */
    void refused(RpcException reason) {
        if (state.compareAndSet(WAITING, CANCELLED)) {
            connection.refused();
            callback.onFailure(reason);
        }
    }

    @Override
    public boolean cancel() {
        if (state.compareAndSet(WAITING, CANCELLED)) {
            server.cancelledBeforeRun().increment();
            // Ended without an answer, as a Courier request cancelled while it waited.
            connection.finishedOneway();
            return true;
        }
        CompletableFuture<RpcResult> running = pending;
        if (running != null) {
            running.cancel(false);
        }
        return false;
    }

    private void end(RpcResult value, Throwable failure) {
        try {
            if (failure == null) {
                callback.onResult(value);
            } else {
                callback.onFailure(RequestTask.toRpcException(failure));
            }
        } catch (RuntimeException e) {
            log.warn("the {} protocol's callback failed for a call of {}", connection.channel(), service.key(), e);
        } finally {
            connection.finishedOneway();
        }
    }
}

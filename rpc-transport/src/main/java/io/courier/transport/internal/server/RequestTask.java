package io.courier.transport.internal.server;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.protocol.DecodedRequest;
import io.courier.protocol.frame.InboundRequest;
import io.courier.protocol.frame.OutboundResponse;
import io.courier.protocol.frame.RequestHead;
import io.courier.transport.ServiceExport;
import io.courier.transport.internal.executor.CallPlacement;
import io.courier.transport.internal.executor.DroppableTask;
import io.courier.transport.internal.executor.ServerContext;
import io.netty.buffer.ByteBuf;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted request where it runs (a pool thread, or the IO thread): decodes the rest of the
 * body after its {@link RequestHead} (read once, on the IO thread), runs the provider's invoker with
 * the request's {@link RpcContext}, and encodes the answer on the thread that completes the call.
 * Every path ends the call on its connection exactly once.
 */
public final class RequestTask implements DroppableTask {

    private static final Logger log = LoggerFactory.getLogger(RequestTask.class);

    private final RequestHead<ServiceExport> head;
    private final InboundRequest request;
    private final ServiceExport service;
    private final ServerConnection connection;
    private final ServerContext server;
    /** The method's placement under the adaptive pool, told how long the call took; may be null. */
    private final CallPlacement placement;
    /** Whether the request was queued for an executor and registered as cancellable. */
    private final boolean queued;

    RequestTask(
            RequestHead<ServiceExport> head,
            ServerConnection connection,
            ServerContext server,
            CallPlacement placement,
            boolean queued) {
        this.queued = queued;
        this.head = head;
        this.request = head.request();
        this.service = head.service();
        this.connection = connection;
        this.server = server;
        this.placement = placement;
    }

    @Override
    public void run() {
        if (queued && !connection.starting(request.requestId(), this)) {
            // Cancelled while it waited: already released and ended by the cancel.
            return;
        }
        CallTiming timing = CallTiming.start(placement, connection.channel());
        DecodedRequest<ServiceExport> decoded;
        try {
            decoded = server.bodyDecoder().decodeRequest(head);
        } catch (RpcException e) {
            finish(null, e);
            return;
        } catch (RuntimeException e) {
            log.warn("request {} could not be decoded", request.requestId(), e);
            finish(null, new RpcException(ErrorCode.BAD_REQUEST, "request could not be decoded"));
            return;
        } finally {
            request.release();
        }
        Invocation invocation = decoded.invocation();
        CompletableFuture<RpcResult> result = invoke(service, invocation, connection);
        if (timing != null) {
            timing.end();
        }
        if (result.isDone()) {
            // Most calls are synchronous: no completion stage to allocate and run.
            RpcResult value = null;
            Throwable failure = null;
            try {
                value = result.join();
            } catch (CancellationException | CompletionException e) {
                failure = e;
            }
            finish(decoded, value, failure);
        } else {
            result.whenComplete((value, failure) -> finish(decoded, failure == null ? value : null, failure));
        }
    }

    /**
     * The executor was stopped before this call ran: releases the request and ends the call
     * "not executed", so that the caller may go elsewhere.
     */
    public void dropped() {
        if (queued && !connection.starting(request.requestId(), this)) {
            return;
        }
        request.release();
        finish(null, new RpcException(ErrorCode.GOING_AWAY, "server stopped before the call ran", null));
    }

    /** Its consumer cancelled it before it started: it never runs; releases the request. */
    void cancelled() {
        request.release();
    }

    private void finish(DecodedRequest<ServiceExport> decoded, RpcResult value, Throwable failure) {
        if (request.oneway()) {
            logOnewayFailure(decoded, value, failure);
            connection.finishedOneway();
            return;
        }
        OutboundResponse response;
        if (failure == null) {
            response = OutboundResponse.ofResult(
                    request.requestId(),
                    decoded.serializer(),
                    decoded.invocation().method().resultType(),
                    value);
        } else {
            response = OutboundResponse.ofError(request.requestId(), toRpcException(failure));
        }
        ByteBuf encoded;
        try {
            encoded = server.encoder().encode(connection.channel().alloc(), response);
        } catch (RuntimeException e) {
            log.warn("response {} could not be encoded", request.requestId(), e);
            connection.reply(OutboundResponse.ofError(
                    request.requestId(),
                    new RpcException(ErrorCode.PROVIDER_ERROR, "the provider could not write its answer")));
            return;
        }
        connection.reply(encoded);
    }

    /**
     * A oneway call has no answer to carry its failure, so the provider's log is the only place it
     * can show: one WARN per failed call, naming the method and the exception (with its stack).
     */
    private void logOnewayFailure(DecodedRequest<ServiceExport> decoded, RpcResult value, Throwable failure) {
        Throwable thrown = failure != null
                ? RpcException.unwrap(failure)
                : value != null && value.hasException() ? value.exception() : null;
        if (thrown == null) {
            return;
        }
        log.warn(
                "oneway call {} failed, and its caller is not told (a oneway call gets no answer): {}",
                decoded != null ? decoded.invocation() : service.key(),
                thrown.toString(),
                thrown);
    }

    private void finish(DecodedRequest<ServiceExport> decoded, RpcException failure) {
        finish(decoded, null, failure);
    }

    /**
     * Runs {@code invocation} through {@code service}'s invoker with the request's {@link RpcContext}
     * installed: the provider path of every call on the port, whatever its protocol. Never throws; a
     * thrown failure, or no future, is a failed future.
     */
    static CompletableFuture<RpcResult> invoke(
            ServiceExport service, Invocation invocation, ServerConnection connection) {
        CompletableFuture<RpcResult> result;
        RpcContext.Scope scope = RpcContext.serve(invocation, connection.remote(), connection.peer());
        try {
            result = service.invoker().invoke(invocation);
        } catch (RuntimeException | Error e) {
            result = CompletableFuture.failedFuture(e);
        } finally {
            scope.close();
        }
        Map<String, String> leading = scope.responseAttachments();
        if (result != null && !leading.isEmpty()) {
            result = result.thenApply(answer -> answer.withLeadingAttachments(leading));
        }
        return result != null
                ? result
                : CompletableFuture.failedFuture(
                        new RpcException(ErrorCode.PROVIDER_ERROR, "provider invoker returned no future"));
    }

    /** The one classification of a provider's failure for its caller, whatever the protocol. */
    static RpcException toRpcException(Throwable failure) {
        Throwable cause = RpcException.unwrap(failure);
        if (cause instanceof RpcException rpc) {
            return rpc;
        }
        // Invokers report business exceptions as results; anything else is a provider-side failure.
        return new RpcException(
                ErrorCode.PROVIDER_ERROR,
                "provider failed with " + cause.getClass().getName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                null);
    }
}

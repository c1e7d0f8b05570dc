package io.courier.rest.internal;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.serialization.DeserializationPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Calls one REST server for one reference: each call one HTTP/1.1 request by its method's route,
 * waiting until its timeout (the reference's, or the invocation's deadline when that comes first). A
 * call that cannot have reached the server (no connection) fails "not executed", so the cluster may
 * retry it anywhere; one lost in flight is retried only for an idempotent method (by its verb, or
 * {@code @Idempotent}). An answer larger than {@link #MAX_ANSWER_BYTES} is refused unread.
 */
final class RestInvoker implements Invoker {

    /** The largest answer body read. */
    static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;

    private final HttpClient client;
    private final Executor reading;
    private final RestRoutes routes;
    private final Endpoint endpoint;
    private final DeserializationPolicy policy;
    private final LongSupplier timeoutMillis;

    RestInvoker(
            HttpClient client,
            Executor reading,
            RestRoutes routes,
            Endpoint endpoint,
            DeserializationPolicy policy,
            LongSupplier timeoutMillis) {
        this.client = client;
        this.reading = reading;
        this.routes = routes;
        this.endpoint = endpoint;
        this.policy = policy;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        long timeout = timeoutMillis.getAsLong();
        boolean timeoutIsDeadline = false;
        if (invocation.hasDeadline()) {
            long remaining = TimeUnit.NANOSECONDS.toMillis(invocation.remainingNanos(System.nanoTime()));
            if (remaining <= 0) {
                return CompletableFuture.failedFuture(new RpcException(
                        ErrorCode.DEADLINE_EXCEEDED, true, "deadline passed before " + invocation + " was sent", null));
            }
            if (remaining <= timeout) {
                timeout = remaining;
                timeoutIsDeadline = true;
            }
        }
        Route route;
        HttpRequest request;
        try {
            route = routes.of(invocation.method());
            request = RestRequestWriter.of(endpoint, route, invocation, timeout);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(new RpcException(
                    ErrorCode.SERIALIZATION, true, invocation.method().name() + ": " + e.getMessage(), e));
        }
        String where = "REST server " + endpoint + " " + route;
        boolean deadline = timeoutIsDeadline;
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApplyAsync(response -> answer(response, route, where), reading)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(failed(failure, where, deadline)));
    }

    private RpcResult answer(HttpResponse<InputStream> response, Route route, String where) {
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_ANSWER_BYTES + 1);
        } catch (IOException e) {
            throw new RpcException(ErrorCode.NETWORK, false, where + ": the answer was cut off: " + e, e);
        }
        if (body.length > MAX_ANSWER_BYTES) {
            throw new RpcException(
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    false,
                    where + ": an answer over " + MAX_ANSWER_BYTES + " bytes",
                    null);
        }
        String contentType = response.headers().firstValue("content-type").orElse(null);
        return RestAnswerReader.read(
                response.statusCode(), contentType, body, route.method().resultType(), policy, where);
    }

    private static RpcException failed(Throwable failure, String where, boolean timeoutIsDeadline) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RpcException rpc) {
            return rpc;
        }
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return new RpcException(ErrorCode.CONNECT_FAILED, true, where + ": could not connect: " + cause, cause);
        }
        if (cause instanceof HttpTimeoutException) {
            ErrorCode code = timeoutIsDeadline ? ErrorCode.DEADLINE_EXCEEDED : ErrorCode.TIMEOUT;
            return new RpcException(code, false, where + ": no answer in time", cause);
        }
        return new RpcException(ErrorCode.NETWORK, false, where + ": " + cause, cause);
    }

    @Override
    public String toString() {
        return "RestInvoker(" + endpoint + ")";
    }
}

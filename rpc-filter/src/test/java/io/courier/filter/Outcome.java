package io.courier.filter;

import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a call and tells how it ended, without exceptions in the test's control flow. */
public record Outcome(RpcResult result, Throwable failure) {

    public static Outcome of(CompletableFuture<RpcResult> call) {
        return of(call, Duration.ofSeconds(10));
    }

    public static Outcome of(CompletableFuture<RpcResult> call, Duration timeout) {
        try {
            return new Outcome(call.get(timeout.toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (ExecutionException e) {
            return new Outcome(null, RpcException.unwrap(e));
        } catch (TimeoutException e) {
            throw new AssertionError("call did not complete within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public boolean ok() {
        return failure == null;
    }

    /** The failure as an {@link RpcException}; fails the test if the call did not fail that way. */
    public RpcException rpcFailure() {
        if (!(failure instanceof RpcException rpc)) {
            throw new AssertionError("expected an RpcException, got " + (failure == null ? result : failure), failure);
        }
        return rpc;
    }
}

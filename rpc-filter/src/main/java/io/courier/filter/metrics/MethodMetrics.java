package io.courier.filter.metrics;

import io.courier.api.Filter;
import io.courier.api.Invocation;
import io.courier.api.RpcResult;
import io.courier.filter.Ticker;
import io.courier.filter.internal.Futures;
import java.util.concurrent.CompletableFuture;

/** Records the calls of one method into its {@link MethodMeters}. */
final class MethodMetrics implements Filter {

    private final MethodMeters meters;
    private final Ticker ticker;

    MethodMetrics(MethodMeters meters, Ticker ticker) {
        this.meters = meters;
        this.ticker = ticker;
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        meters.start();
        long start = ticker.nanoTime();
        CompletableFuture<RpcResult> call;
        try {
            call = chain.proceed(invocation);
        } catch (RuntimeException | Error e) {
            meters.finish(ticker.nanoTime() - start, null, e);
            throw e;
        }
        return Futures.whenDone(call, (result, failure) -> meters.finish(ticker.nanoTime() - start, result, failure));
    }
}

package io.courier.filter.metrics;

import io.courier.api.Invocation;
import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import io.courier.api.time.Ticker;
import io.courier.filter.internal.Futures;
import java.util.concurrent.CompletableFuture;

/** Records the calls of one method into its {@link MethodMeters}. */
final class MethodMetrics implements Filter {

    private final MethodMeters meters;
    private final Ticker ticker;
    /** Whether the method is a stream, whose result also opens a stream the meters follow to its end. */
    private final boolean stream;

    MethodMetrics(MethodMeters meters, Ticker ticker, boolean stream) {
        this.meters = meters;
        this.ticker = ticker;
        this.stream = stream;
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
        if (stream) {
            // The call (its latency, its errors) ends when the stream opens; the stream is followed on.
            return Futures.whenDoneOrStreamEnds(
                    call, (result, failure) -> meters.finish(ticker.nanoTime() - start, result, failure), result -> {
                        meters.finish(ticker.nanoTime() - start, result, null);
                        return meters.streamOpened();
                    });
        }
        return Futures.whenDone(call, (result, failure) -> meters.finish(ticker.nanoTime() - start, result, failure));
    }
}

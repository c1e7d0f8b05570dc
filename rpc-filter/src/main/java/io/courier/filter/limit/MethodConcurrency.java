package io.courier.filter.limit;

import io.courier.api.Invocation;
import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import io.courier.api.time.Ticker;
import java.util.concurrent.CompletableFuture;

/**
 * The concurrency limit of one method: its limiter (none while no limit is set for it), replaced by
 * dynamic configuration.
 */
final class MethodConcurrency implements Filter {

    private final String name;
    private final Ticker ticker;
    private volatile ConcurrencyLimiter limiter;

    MethodConcurrency(String name, Ticker ticker, ConcurrencyLimiter limiter) {
        this.name = name;
        this.ticker = ticker;
        this.limiter = limiter;
    }

    void limiter(ConcurrencyLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        return ConcurrencyLimiting.admit(name, ticker, limiter, invocation, chain);
    }
}

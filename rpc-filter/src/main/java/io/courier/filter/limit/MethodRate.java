package io.courier.filter.limit;

import io.courier.api.Invocation;
import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import java.util.concurrent.CompletableFuture;

/**
 * The rate limit of one method: its own bucket (none while no limit is set for it) and the
 * service's, taken from {@link RateLimiting}. The bucket is replaced by dynamic configuration.
 */
final class MethodRate implements Filter {

    private final RateLimiting service;
    private final String method;
    private volatile TokenBucket bucket;

    MethodRate(RateLimiting service, String method, TokenBucket bucket) {
        this.service = service;
        this.method = method;
        this.bucket = bucket;
    }

    TokenBucket bucket() {
        return bucket;
    }

    void bucket(TokenBucket bucket) {
        this.bucket = bucket;
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        return service.admit(invocation, chain, bucket);
    }

    @Override
    public String toString() {
        return "rate limit of " + method;
    }
}

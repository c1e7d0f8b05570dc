package io.courier.transport;

import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A subscriber that keeps what it gets: the first {@code keep} values, how many came, whether they
 * came as 0, 1, 2, ... , and how the stream ended. Requests {@code initial} at once; more through
 * {@link #request}.
 */
final class Collector implements Flow.Subscriber<Object> {

    final List<Object> values = new CopyOnWriteArrayList<>();
    final AtomicLong received = new AtomicLong();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    volatile boolean inOrder = true;
    private final long initial;
    private final int keep;
    private volatile Flow.Subscription subscription;

    Collector(long initial, int keep) {
        this.initial = initial;
        this.keep = keep;
    }

    /** Calls {@code invocation}, a stream, and subscribes {@code collector} to what it returns. */
    static Collector subscribe(Invoker invoker, Invocation invocation, Collector collector) throws Exception {
        RpcResult result = invoker.invoke(invocation).get(10, TimeUnit.SECONDS);
        @SuppressWarnings("unchecked")
        Flow.Publisher<Object> stream = (Flow.Publisher<Object>) result.value();
        stream.subscribe(collector);
        return collector;
    }

    /** A collector that takes everything at once. */
    static Collector all() {
        return new Collector(Long.MAX_VALUE, 1_000);
    }

    @Override
    public void onSubscribe(Flow.Subscription given) {
        subscription = given;
        if (initial > 0) {
            given.request(initial);
        }
    }

    @Override
    public void onNext(Object value) {
        long index = received.getAndIncrement();
        if (value instanceof Long number && number != index) {
            inOrder = false;
        }
        if (index < keep) {
            values.add(value);
        }
    }

    @Override
    public void onError(Throwable failure) {
        done.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        done.complete(null);
    }

    void request(long n) {
        subscription.request(n);
    }

    void cancel() {
        subscription.cancel();
    }

    /** The stream's failure, which must be an {@link RpcException}. */
    RpcException failure() {
        Throwable cause = done.handle((ok, failure) -> failure).join();
        if (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (!(cause instanceof RpcException rpc)) {
            throw new AssertionError("expected an RpcException, got " + cause, cause);
        }
        return rpc;
    }
}

package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.RpcException;
import io.courier.bootstrap.fixtures.streams.Tick;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

/** Keeps every tick; requests {@code initial} at once. */
final class Ticks implements Flow.Subscriber<Tick> {
    final List<Tick> ticks = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    volatile Flow.Subscription subscription;
    private final long initial;

    Ticks(long initial) {
        this.initial = initial;
    }

    @Override
    public void onSubscribe(Flow.Subscription given) {
        subscription = given;
        given.request(initial);
    }

    @Override
    public void onNext(Tick tick) {
        ticks.add(tick);
    }

    @Override
    public void onError(Throwable failure) {
        done.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        done.complete(null);
    }

    RpcException failure() {
        try {
            done.join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(RpcException.class);
            return (RpcException) e.getCause();
        }
        throw new AssertionError("the stream completed");
    }
}

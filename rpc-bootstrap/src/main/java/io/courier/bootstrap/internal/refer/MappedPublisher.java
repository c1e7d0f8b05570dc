package io.courier.bootstrap.internal.refer;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * A publisher of {@code source}'s items, each passed through {@code map}: demand and cancellation go
 * straight to the source, so the source's flow control is the subscriber's. A map that throws an
 * {@link RpcException} (a message that is not JSON within the limits) cancels the source and ends
 * the subscriber with that error; nothing is signalled after it. Each subscription is one
 * subscription of the source.
 */
final class MappedPublisher<T, R> implements Flow.Publisher<R> {

    private final Flow.Publisher<T> source;
    private final Function<T, R> map;

    MappedPublisher(Flow.Publisher<T> source, Function<T, R> map) {
        this.source = Objects.requireNonNull(source, "source");
        this.map = Objects.requireNonNull(map, "map");
    }

    @Override
    public void subscribe(Flow.Subscriber<? super R> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        source.subscribe(new Mapping<>(subscriber, map));
    }

    private static final class Mapping<T, R> implements Flow.Subscriber<T> {
        private final Flow.Subscriber<? super R> downstream;
        private final Function<T, R> map;
        private Flow.Subscription upstream;
        /** Set on the signalling thread once the mapping failed; Flow's signals are serial. */
        private boolean done;

        Mapping(Flow.Subscriber<? super R> downstream, Function<T, R> map) {
            this.downstream = downstream;
            this.map = map;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            downstream.onSubscribe(subscription);
        }

        @Override
        public void onNext(T item) {
            if (done) {
                return;
            }
            R mapped;
            try {
                mapped = map.apply(item);
            } catch (RpcException e) {
                fail(e);
                return;
            } catch (RuntimeException e) {
                fail(new RpcException(ErrorCode.BAD_REQUEST, "a stream message could not be read: " + e, e));
                return;
            }
            downstream.onNext(mapped);
        }

        private void fail(RpcException e) {
            done = true;
            upstream.cancel();
            downstream.onError(e);
        }

        @Override
        public void onError(Throwable throwable) {
            if (!done) {
                done = true;
                downstream.onError(throwable);
            }
        }

        @Override
        public void onComplete() {
            if (!done) {
                done = true;
                downstream.onComplete();
            }
        }
    }
}

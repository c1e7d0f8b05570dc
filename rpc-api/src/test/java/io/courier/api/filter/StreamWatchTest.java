package io.courier.api.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.RpcResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link StreamWatch}: signals and demand pass through unchanged, the end is reported once. */
class StreamWatchTest {

    /** A publisher that hands its subscriber to the test and records the demand and the cancel. */
    private static final class Manual implements Flow.Publisher<String>, Flow.Subscription {
        Flow.Subscriber<? super String> subscriber;
        final AtomicLong requested = new AtomicLong();
        int cancels;

        @Override
        public void subscribe(Flow.Subscriber<? super String> given) {
            subscriber = given;
            given.onSubscribe(this);
        }

        @Override
        public void request(long n) {
            requested.addAndGet(n);
        }

        @Override
        public void cancel() {
            cancels++;
        }
    }

    /** Records what the subscriber got and keeps its subscription. */
    private static final class Recorder implements Flow.Subscriber<Object> {
        final List<Object> signals = new ArrayList<>();
        Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription given) {
            subscription = given;
        }

        @Override
        public void onNext(Object item) {
            signals.add(item);
        }

        @Override
        public void onError(Throwable failure) {
            signals.add(failure);
        }

        @Override
        public void onComplete() {
            signals.add("complete");
        }
    }

    private final List<String> ends = new ArrayList<>();
    private final AtomicLong messages = new AtomicLong();
    private final StreamWatch watch = new StreamWatch() {
        @Override
        public void onMessage() {
            messages.incrementAndGet();
        }

        @Override
        public void onEnd(long count, Throwable failure, boolean cancelled) {
            ends.add(count + " " + (failure == null ? "-" : failure.getMessage()) + " " + cancelled);
        }
    };

    @SuppressWarnings("unchecked")
    private Flow.Publisher<Object> watched(Manual publisher) {
        return (Flow.Publisher<Object>)
                StreamWatch.watch(RpcResult.of(publisher), watch).value();
    }

    @Test
    void completedStream_passesDemandAndMessagesThrough_andEndsOnce() {
        Manual publisher = new Manual();
        Recorder recorder = new Recorder();
        watched(publisher).subscribe(recorder);
        recorder.subscription.request(3);
        assertThat(publisher.requested).hasValue(3);
        publisher.subscriber.onNext("a");
        publisher.subscriber.onNext("b");
        publisher.subscriber.onComplete();
        recorder.subscription.cancel();

        assertThat(recorder.signals).containsExactly("a", "b", "complete");
        assertThat(messages).hasValue(2);
        assertThat(ends).containsExactly("2 - false");
        assertThat(publisher.cancels)
                .as("a late cancel still reaches the publisher")
                .isEqualTo(1);
    }

    @Test
    void cancelledThenFailedStream_endsOnceAsCancelled() {
        Manual publisher = new Manual();
        Recorder recorder = new Recorder();
        watched(publisher).subscribe(recorder);
        publisher.subscriber.onNext("a");
        recorder.subscription.cancel();
        publisher.subscriber.onError(new IllegalStateException("late"));

        assertThat(ends).containsExactly("1 - true");
        assertThat(publisher.cancels).isEqualTo(1);
    }

    @Test
    void failedStream_reportsTheFailure() {
        Manual publisher = new Manual();
        Recorder recorder = new Recorder();
        watched(publisher).subscribe(recorder);
        publisher.subscriber.onError(new IllegalStateException("broken"));

        assertThat(ends).containsExactly("0 broken false");
        assertThat(recorder.signals).hasSize(1);
    }

    @Test
    void resultsThatAreNoStream_areReturnedAsTheyAre() {
        RpcResult value = RpcResult.of("plain");
        RpcResult failed = RpcResult.ofException(new IllegalStateException("no"));
        assertThat(StreamWatch.watch(value, watch)).isSameAs(value);
        assertThat(StreamWatch.watch(failed, watch)).isSameAs(failed);
        assertThat(StreamWatch.isStream(value)).isFalse();
        assertThat(ends).isEmpty();
    }
}

package io.courier.transport.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/**
 * The order of a stream's ends on the receiving side: the sender's error, like its completion, comes
 * after the messages it sent before it, even when all of them arrived before the subscriber did; a
 * local failure ends the stream at once.
 */
class InboundMessagesTest {

    private static final InboundMessages.Listener IGNORED = new InboundMessages.Listener() {
        @Override
        public void grant(int credit) {}

        @Override
        public void cancelled() {}
    };

    /** Records every signal as text. */
    private static final class Recorder implements Flow.Subscriber<Object> {
        final List<String> signals = new CopyOnWriteArrayList<>();
        private final long initial;
        Flow.Subscription subscription;

        Recorder(long initial) {
            this.initial = initial;
        }

        @Override
        public void onSubscribe(Flow.Subscription given) {
            subscription = given;
            if (initial > 0) {
                given.request(initial);
            }
        }

        @Override
        public void onNext(Object item) {
            signals.add(String.valueOf(item));
        }

        @Override
        public void onError(Throwable failure) {
            signals.add("error " + ((RpcException) failure).code());
        }

        @Override
        public void onComplete() {
            signals.add("complete");
        }
    }

    private static InboundMessages withMessages(int count) {
        InboundMessages inbound = new InboundMessages(1, "test", IGNORED, 16);
        for (long i = 0; i < count; i++) {
            assertThat(inbound.onMessage(i)).isTrue();
        }
        return inbound;
    }

    @Test
    void theSendersError_arrivedBeforeTheSubscriber_comesAfterTheMessagesSentBeforeIt() {
        InboundMessages inbound = withMessages(3);
        inbound.onFailed(new RpcException(ErrorCode.FORBIDDEN, "refused mid-stream"));
        Recorder recorder = new Recorder(Long.MAX_VALUE);

        inbound.subscribe(recorder);

        assertThat(recorder.signals).containsExactly("0", "1", "2", "error FORBIDDEN");
    }

    @Test
    void theSendersError_waitsForDemandForTheMessagesBeforeIt() {
        InboundMessages inbound = withMessages(2);
        inbound.onFailed(new RpcException(ErrorCode.FORBIDDEN, "refused mid-stream"));
        Recorder recorder = new Recorder(1);

        inbound.subscribe(recorder);
        assertThat(recorder.signals).containsExactly("0");

        recorder.subscription.request(1);
        assertThat(recorder.signals).containsExactly("0", "1", "error FORBIDDEN");
    }

    @Test
    void aLocalFailure_endsTheStreamAtOnce_droppingWhatWasNotDelivered() {
        InboundMessages inbound = withMessages(3);
        Recorder recorder = new Recorder(1);
        inbound.subscribe(recorder);

        inbound.failLocally(new RpcException(ErrorCode.TIMEOUT, "deadline"));

        assertThat(recorder.signals).containsExactly("0", "error TIMEOUT");
    }

    @Test
    void completion_comesAfterTheMessages() {
        InboundMessages inbound = withMessages(2);
        inbound.onCompleted();
        Recorder recorder = new Recorder(Long.MAX_VALUE);

        inbound.subscribe(recorder);

        assertThat(recorder.signals).containsExactly("0", "1", "complete");
    }
}

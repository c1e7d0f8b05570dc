package io.courier.grpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import io.courier.grpc.ListPublisher;
import io.grpc.Server;
import io.grpc.testing.integration.Messages.EchoStatus;
import io.grpc.testing.integration.Messages.Payload;
import io.grpc.testing.integration.Messages.ResponseParameters;
import io.grpc.testing.integration.Messages.StreamingInputCallRequest;
import io.grpc.testing.integration.Messages.StreamingInputCallResponse;
import io.grpc.testing.integration.Messages.StreamingOutputCallRequest;
import io.grpc.testing.integration.Messages.StreamingOutputCallResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The three stream kinds of a plain grpc-java server through a Courier reference: a server stream's
 * {@link Flow.Publisher} delivers as the subscriber asks (HTTP/2 flow control holds the rest back), ends
 * with the server's status, and a cancel resets the stream; a client stream's messages all arrive and
 * its one answer comes back; a bidirectional stream answers each message and ends with the caller's.
 */
@Timeout(60)
class GrpcClientStreamTest {

    private Server server;
    private Courier consumer;
    private TestServiceClient client;

    @BeforeEach
    void start() throws Exception {
        server = StockGrpcServer.start("stream", 0);
        consumer = Courier.builder()
                .application("grpc-stream-consumer")
                .shutdownHook(false)
                .property(
                        "courier.service." + TestServiceClient.class.getName() + ".url",
                        "grpc://127.0.0.1:" + server.getPort())
                .start();
        client = consumer.reference(TestServiceClient.class);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (consumer != null) {
            consumer.close();
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyMessage_inOrder_thenCompletion() {
        Recorder recorder = new Recorder(Long.MAX_VALUE);
        client.streamingOutputCall(messages(100, 10, null)).subscribe(recorder);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.done.get() != null);
        assertThat(recorder.sizes).hasSize(100).allMatch(size -> size == 10);
        assertThat(recorder.done.get()).isEqualTo("complete");
    }

    @Test
    void aStatusAfterMessages_endsTheSubscriberWithItsErrorCode() {
        Recorder recorder = new Recorder(Long.MAX_VALUE);
        client.streamingOutputCall(messages(
                        3,
                        1,
                        EchoStatus.newBuilder()
                                .setCode(io.grpc.Status.Code.FAILED_PRECONDITION.value())
                                .setMessage("no more")
                                .build()))
                .subscribe(recorder);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.done.get() != null);
        assertThat(recorder.sizes).hasSize(3);
        assertThat(recorder.failure.get()).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.getMessage()).contains("FAILED_PRECONDITION").contains("no more");
        });
    }

    @Test
    void aSlowSubscriber_getsWhatItAsksFor_andCancelResetsTheStream() throws Exception {
        Recorder recorder = new Recorder(5);
        // 2,000 messages of 1 KiB: more than HTTP/2's first window holds, so the server must wait for reads
        client.streamingOutputCall(messages(2_000, 1_024, null)).subscribe(recorder);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.sizes.size() == 5);
        Thread.sleep(300); // nothing more arrives unasked for
        assertThat(recorder.sizes).hasSize(5);
        recorder.subscription.get().request(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.sizes.size() == 15);
        recorder.subscription.get().cancel();
        Thread.sleep(300);
        assertThat(recorder.sizes).hasSize(15);
        assertThat(recorder.done.get()).isNull();
        // the connection carries on: a new stream on it completes
        Recorder next = new Recorder(Long.MAX_VALUE);
        client.streamingOutputCall(messages(2, 1, null)).subscribe(next);
        await().atMost(Duration.ofSeconds(10)).until(() -> "complete".equals(next.done.get()));
    }

    @Test
    void aClientStream_sendsEveryMessage_andGetsTheOneAnswer() throws Exception {
        List<StreamingInputCallRequest> requests = new java.util.ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            requests.add(StreamingInputCallRequest.newBuilder()
                    .setPayload(Payload.newBuilder().setBody(ByteString.copyFrom(new byte[i])))
                    .build());
        }
        StreamingInputCallResponse answer =
                client.streamingInputCall(new ListPublisher<>(requests)).get(10, TimeUnit.SECONDS);
        assertThat(answer.getAggregatedPayloadSize()).isEqualTo(50 * 51 / 2);
    }

    @Test
    void aBidirectionalStream_answersEachMessage_andEndsWithTheCallersStream() {
        List<StreamingOutputCallRequest> requests = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            requests.add(messages(2, i, null));
        }
        Recorder recorder = new Recorder(Long.MAX_VALUE);
        client.fullDuplexCall(new ListPublisher<>(requests)).subscribe(recorder);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.done.get() != null);
        assertThat(recorder.done.get()).isEqualTo("complete");
        assertThat(recorder.sizes).containsExactly(1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
    }

    private static StreamingOutputCallRequest messages(int count, int size, EchoStatus status) {
        StreamingOutputCallRequest.Builder request = StreamingOutputCallRequest.newBuilder();
        for (int i = 0; i < count; i++) {
            request.addResponseParameters(ResponseParameters.newBuilder().setSize(size));
        }
        if (status != null) {
            request.setResponseStatus(status);
        }
        return request.build();
    }

    /** Asks for {@code first} messages at its subscription and records what comes. */
    private static final class Recorder implements Flow.Subscriber<StreamingOutputCallResponse> {
        final List<Integer> sizes = new CopyOnWriteArrayList<>();
        final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        final AtomicReference<String> done = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final long first;

        Recorder(long first) {
            this.first = first;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription.set(subscription);
            subscription.request(first);
        }

        @Override
        public void onNext(StreamingOutputCallResponse item) {
            sizes.add(item.getPayload().getBody().size());
        }

        @Override
        public void onError(Throwable throwable) {
            failure.set(throwable);
            done.set("error");
        }

        @Override
        public void onComplete() {
            done.set("complete");
        }
    }
}

package io.courier.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.bench.courier.CourierStreamClient;
import io.courier.bench.courier.CourierUserServer;
import io.courier.bench.grpc.GrpcAsyncStreamClient;
import io.courier.bench.grpc.GrpcStreamClient;
import io.courier.bench.grpc.GrpcUserServer;
import io.courier.bench.workload.SyntheticUserService;
import io.courier.bench.workload.User;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stream benchmark's two systems end to end in this JVM over 127.0.0.1 (the users arrive, in order), and the
 * Courier provider's publisher on its own: it builds no user that was not requested.
 */
@Timeout(60)
class UserStreamTest {

    @Test
    void courier_streamsEveryUserInOrder() throws Exception {
        try (CourierUserServer server = CourierUserServer.start(new SyntheticUserService(), "127.0.0.1", 0);
                CourierStreamClient client = CourierStreamClient.connect("127.0.0.1", server.port())) {
            assertThat(client.stream(2_000)).isEqualTo(2_000);
            assertThat(client.stream(0)).isZero();
            assertThat(client.messageBytes(1_000))
                    .as("frame header, kind, protostuff user")
                    .isBetween(100, 400);
            assertThatThrownBy(() -> client.stream(-1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasStackTraceContaining("count: -1 (expected: >= 0)");
        }
    }

    @Test
    void grpc_streamsEveryUserInOrder() throws Exception {
        try (GrpcUserServer server = GrpcUserServer.start(new SyntheticUserService(), "127.0.0.1", 0);
                GrpcStreamClient client = GrpcStreamClient.connect("127.0.0.1", server.port())) {
            assertThat(client.stream(2_000)).isEqualTo(2_000);
            assertThat(client.messageBytes(1_000)).as("prefix, protobuf user").isBetween(100, 400);
        }
    }

    @Test
    void grpcAsyncStub_streamsEveryUserInOrder() throws Exception {
        try (GrpcUserServer server = GrpcUserServer.start(new SyntheticUserService(), "127.0.0.1", 0);
                GrpcAsyncStreamClient client = GrpcAsyncStreamClient.connect("127.0.0.1", server.port(), true);
                GrpcAsyncStreamClient unconverted = GrpcAsyncStreamClient.connect("127.0.0.1", server.port(), false)) {
            assertThat(client.stream(2_000)).isEqualTo(2_000);
            assertThat(client.stream(0)).isZero();
            assertThat(unconverted.stream(2_000)).isEqualTo(2_000);
        }
    }

    @Test
    void publisher_buildsOnlyWhatWasRequested_andStopsOnCancel() {
        Taking taking = new Taking();
        new SyntheticUserStream().streamUsers(100).subscribe(taking);

        taking.subscription.request(3);
        assertThat(taking.users).extracting(User::getId).containsExactly(0L, 1L, 2L);
        taking.subscription.request(2);
        assertThat(taking.users).extracting(User::getId).containsExactly(0L, 1L, 2L, 3L, 4L);
        taking.subscription.cancel();
        taking.subscription.request(10);
        assertThat(taking.users).hasSize(5);
        assertThat(taking.completed).isFalse();
    }

    @Test
    void publisher_completesAfterTheLastUser() {
        Taking taking = new Taking();
        new SyntheticUserStream().streamUsers(2).subscribe(taking);

        taking.subscription.request(Long.MAX_VALUE);

        assertThat(taking.users).hasSize(2);
        assertThat(taking.completed).isTrue();
    }

    private static final class Taking implements Flow.Subscriber<User> {
        final List<User> users = new CopyOnWriteArrayList<>();
        Flow.Subscription subscription;
        boolean completed;

        @Override
        public void onSubscribe(Flow.Subscription given) {
            subscription = given;
        }

        @Override
        public void onNext(User user) {
            users.add(user);
        }

        @Override
        public void onError(Throwable failure) {
            throw new AssertionError(failure);
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }
}

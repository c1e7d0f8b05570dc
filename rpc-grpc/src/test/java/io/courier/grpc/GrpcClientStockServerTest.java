package io.courier.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import io.courier.grpc.users.Page;
import io.courier.grpc.users.User;
import io.courier.grpc.users.UserService;
import io.courier.grpc.users.UserServiceGrpc;
import io.courier.grpc.users.UserServiceOuterClass;
import io.courier.grpc.users.UserServiceOuterClass.GetUserRequest;
import io.courier.grpc.users.UserServiceOuterClass.ListUserRequest;
import io.courier.grpc.users.UserServiceOuterClass.PageOfUser;
import io.courier.grpc.users.UserServiceOuterClass.StreamUsersRequest;
import io.courier.grpc.users.UserServiceOuterClass.User_Address;
import io.courier.grpc.users.UserServiceOuterClass.User_Status;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Courier consumer on the plain-Java {@link UserService} calls a grpc-java server that is not Courier:
 * one implemented on the stubs stock {@code protoc} and {@code protoc-gen-grpc-java} generated from the
 * {@code .proto} Courier emits for the interface. The derived schema's bytes are what those stubs read and
 * write: a bean with an enum, a list, a map, a timestamp and a nested record; {@code Page<User>}; a
 * server stream; a status with its message.
 */
@Timeout(60)
class GrpcClientStockServerTest {

    private Server server;
    private Courier consumer;

    @BeforeEach
    void start() throws Exception {
        server = ServerBuilder.forPort(0).addService(new StockUsers()).build().start();
        consumer = Courier.builder()
                .application("grpc-stock-users-consumer")
                .shutdownHook(false)
                .property(
                        "courier.service." + UserService.class.getName() + ".url",
                        "grpc://127.0.0.1:" + server.getPort())
                .start();
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
    void aBean_aPage_aStream_andAStatus_fromAServerOnTheEmittedProto() throws Exception {
        UserService client = consumer.reference(UserService.class);

        User user = client.getUser(7);
        assertThat(user.getId()).isEqualTo(7);
        assertThat(user.getName()).isEqualTo("stock-7");
        assertThat(user.getStatus()).isEqualTo(User.Status.LOCKED);
        assertThat(user.getPermissions()).containsExactly(4, 5);
        assertThat(user.getTags()).isEqualTo(Map.of("k", "v"));
        assertThat(user.getLastLogin()).isEqualTo(Instant.ofEpochSecond(100, 5));
        assertThat(user.getAddress()).isEqualTo(new User.Address("Oslo", Optional.empty()));
        assertThat(user.getEmail()).isNull();

        Page<User> page = client.listUser(3);
        assertThat(page.getPageNo()).isEqualTo(3);
        assertThat(page.getTotal()).isEqualTo(2);
        assertThat(page.getResult()).extracting(User::getName).containsExactly("stock-30", "stock-31");

        CompletableFuture<List<Long>> ids = new CompletableFuture<>();
        client.streamUsers(4).subscribe(new Flow.Subscriber<>() {
            private final List<Long> seen = new ArrayList<>();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(User item) {
                seen.add(item.getId());
            }

            @Override
            public void onError(Throwable failure) {
                ids.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                ids.complete(seen);
            }
        });
        assertThat(ids.get(10, TimeUnit.SECONDS)).containsExactly(0L, 1L, 2L, 3L);

        assertThatThrownBy(() -> client.getUser(-1)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.getMessage()).contains("NOT_FOUND").contains("no user -1");
        });
    }

    /** The user service written as any grpc-java team writes one, on the generated stubs. */
    private static final class StockUsers extends UserServiceGrpc.UserServiceImplBase {

        @Override
        public void getUser(GetUserRequest request, StreamObserver<UserServiceOuterClass.User> answer) {
            if (request.getId() < 0) {
                answer.onError(Status.NOT_FOUND
                        .withDescription("no user " + request.getId())
                        .asRuntimeException());
                return;
            }
            answer.onNext(user(request.getId()));
            answer.onCompleted();
        }

        @Override
        public void listUser(ListUserRequest request, StreamObserver<PageOfUser> answer) {
            answer.onNext(PageOfUser.newBuilder()
                    .setPageNo(request.getPageNo())
                    .setTotal(2)
                    .addResult(user(request.getPageNo() * 10L))
                    .addResult(user(request.getPageNo() * 10L + 1))
                    .build());
            answer.onCompleted();
        }

        @Override
        public void streamUsers(StreamUsersRequest request, StreamObserver<UserServiceOuterClass.User> answer) {
            for (int i = 0; i < request.getCount(); i++) {
                answer.onNext(user(i));
            }
            answer.onCompleted();
        }

        private static UserServiceOuterClass.User user(long id) {
            return UserServiceOuterClass.User.newBuilder()
                    .setId(id)
                    .setName("stock-" + id)
                    .setStatus(User_Status.USER_STATUS_LOCKED)
                    .addPermissions(4)
                    .addPermissions(5)
                    .putTags("k", "v")
                    .setLastLogin(Timestamp.newBuilder().setSeconds(100).setNanos(5))
                    .setAddress(User_Address.newBuilder().setCity("Oslo"))
                    .build();
        }
    }
}

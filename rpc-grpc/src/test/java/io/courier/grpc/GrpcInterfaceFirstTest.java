package io.courier.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.courier.bootstrap.Courier;
import io.courier.grpc.users.UserService;
import io.courier.grpc.users.UserServiceGrpc;
import io.courier.grpc.users.UserServiceOuterClass.AttachmentRequest;
import io.courier.grpc.users.UserServiceOuterClass.CountUsersResponse;
import io.courier.grpc.users.UserServiceOuterClass.ExistUserRequest;
import io.courier.grpc.users.UserServiceOuterClass.GetUserRequest;
import io.courier.grpc.users.UserServiceOuterClass.ListUserRequest;
import io.courier.grpc.users.UserServiceOuterClass.PageOfUser;
import io.courier.grpc.users.UserServiceOuterClass.SlowUserRequest;
import io.courier.grpc.users.UserServiceOuterClass.StreamUsersRequest;
import io.courier.grpc.users.UserServiceOuterClass.User;
import io.courier.grpc.users.UserServiceOuterClass.User_Address;
import io.courier.grpc.users.UserServiceOuterClass.User_Status;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stubs that stock {@code protoc} and {@code protoc-gen-grpc-java} generated (at test-compile, by the
 * module's build) from the {@code .proto} Courier emits for an interface-first {@link UserService} on
 * plain Java classes call a Courier provider: unary calls on records, beans, enums, maps, instants and
 * {@code Page<User>}; the three stream kinds; a deadline; metadata; an error's status and message; a
 * cancelled stream.
 */
@Timeout(60)
class GrpcInterfaceFirstTest {

    static final Path COMMITTED = Path.of("src/test/proto/courier/io/courier/grpc/users/UserService.proto");

    private final InterfaceFirstUsers users = new InterfaceFirstUsers();
    private Courier provider;
    private ManagedChannel channel;

    @BeforeEach
    void start() {
        provider = Courier.builder()
                .application("grpc-interface-first")
                .registry("embedded")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .property("courier.admin.port", "0")
                .export(users)
                .start();
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", provider.port())
                .usePlaintext()
                .build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        provider.close();
    }

    @Test
    void theStubsProto_isWhatCourierEmitsNow() throws Exception {
        assertThat(GrpcSchemas.protoFile(UserService.class)).isEqualTo(Files.readString(COMMITTED));
        assertThat(ProtoCheck.changes(UserService.class, COMMITTED)).isEmpty();
    }

    @Test
    void theAdminEndpoint_servesTheProto() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + provider.adminPort().orElseThrow() + "/schema/grpc/";
        HttpResponse<String> proto = http.send(
                HttpRequest.newBuilder(URI.create(base + UserService.class.getName()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(proto.statusCode()).isEqualTo(200);
        assertThat(proto.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(proto.body()).isEqualTo(Files.readString(COMMITTED));

        HttpResponse<String> unknown = http.send(
                HttpRequest.newBuilder(URI.create(base + "com.acme.Nothing")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no exported service com.acme.Nothing described by protocol grpc");
    }

    @Test
    void unary_beansRecordsEnumsMapsAndInstants() {
        UserServiceGrpc.UserServiceBlockingStub stub = UserServiceGrpc.newBlockingStub(channel);

        User user = stub.getUser(GetUserRequest.newBuilder().setId(7).build());
        assertThat(user.getId()).isEqualTo(7);
        assertThat(user.getName()).isEqualTo("user-7");
        assertThat(user.getBirthday()).isEqualTo(LocalDate.of(1990, 1, 8).toString());
        assertThat(user.getPermissionsList()).containsExactly(1, 2, 3);
        assertThat(user.getStatus()).isEqualTo(User_Status.USER_STATUS_LOCKED);
        assertThat(user.getCreateTime()).isEqualTo("2024-05-06T07:08:09");
        assertThat(user.getLastLogin())
                .isEqualTo(Timestamp.newBuilder()
                        .setSeconds(1_700_000_007L)
                        .setNanos(123)
                        .build());
        assertThat(user.getTagsMap()).containsEntry("tier", "gold");
        assertThat(user.getIcon()).isEqualTo(ByteString.copyFrom(new byte[] {1, 2, 7}));
        assertThat(user.getAddress().getCity()).isEqualTo("Lyon");
        assertThat(user.getAddress().hasZip()).isFalse(); // Optional.empty()
        assertThat(stub.getUser(GetUserRequest.newBuilder().setId(8).build())
                        .getAddress()
                        .getZip())
                .isEqualTo("69001");

        PageOfUser page =
                stub.listUser(ListUserRequest.newBuilder().setPageNo(2).build());
        assertThat(page.getPageNo()).isEqualTo(2);
        assertThat(page.getTotal()).isEqualTo(100);
        assertThat(page.getResultList()).hasSize(15);
        assertThat(page.getResult(0).getId()).isEqualTo(30);

        assertThat(stub.existUser(ExistUserRequest.newBuilder().setEmail("a1").build())
                        .getValue())
                .isTrue();
        assertThat(stub.existUser(ExistUserRequest.newBuilder().setEmail("a2").build())
                        .getValue())
                .isFalse();

        User sent = User.newBuilder()
                .setId(42)
                .setName("ada")
                .setBirthday("1815-12-10")
                .addPermissions(9)
                .setStatus(User_Status.USER_STATUS_ACTIVE)
                .putTags("k", "v")
                .setLastLogin(Timestamp.newBuilder().setSeconds(5))
                .setAddress(User_Address.newBuilder().setCity("London").setZip("N1"))
                .build();
        assertThat(stub.createUser(sent).getValue()).isTrue();
        io.courier.grpc.users.User received = users.created.get(0);
        assertThat(received.getId()).isEqualTo(42);
        assertThat(received.getName()).isEqualTo("ada");
        assertThat(received.getBirthday()).isEqualTo(LocalDate.of(1815, 12, 10));
        assertThat(received.getPermissions()).containsExactly(9);
        assertThat(received.getStatus()).isEqualTo(io.courier.grpc.users.User.Status.ACTIVE);
        assertThat(received.getTags()).containsEntry("k", "v");
        assertThat(received.getLastLogin()).isEqualTo(java.time.Instant.ofEpochSecond(5));
        assertThat(received.getAddress().zip()).contains("N1");
        assertThat(received.getEmail()).isNull(); // absent optional string
        assertThat(received.getCreateTime()).isNull();
    }

    @Test
    void serverClientAndBidirectionalStreams() throws Exception {
        Iterator<User> streamed = UserServiceGrpc.newBlockingStub(channel)
                .streamUsers(StreamUsersRequest.newBuilder().setCount(5).build());
        List<Long> ids = new ArrayList<>();
        streamed.forEachRemaining(u -> ids.add(u.getId()));
        assertThat(ids).containsExactly(0L, 1L, 2L, 3L, 4L);

        UserServiceGrpc.UserServiceStub async = UserServiceGrpc.newStub(channel);
        Collector<CountUsersResponse> count = new Collector<>();
        StreamObserver<User> sending = async.countUsers(count);
        for (int i = 0; i < 3; i++) {
            sending.onNext(User.newBuilder().setId(i).build());
        }
        sending.onCompleted();
        assertThat(count.done.get(10, TimeUnit.SECONDS))
                .extracting(CountUsersResponse::getValue)
                .containsExactly(3);

        Collector<User> renamed = new Collector<>();
        StreamObserver<User> renaming = async.renameUsers(renamed);
        renaming.onNext(User.newBuilder().setName("ada").build());
        renaming.onNext(User.newBuilder().setName("grace").build());
        renaming.onCompleted();
        assertThat(renamed.done.get(10, TimeUnit.SECONDS))
                .extracting(User::getName)
                .containsExactly("ADA", "GRACE");
    }

    @Test
    void deadlineMetadataAndErrors() {
        UserServiceGrpc.UserServiceBlockingStub stub = UserServiceGrpc.newBlockingStub(channel);

        assertThatThrownBy(() -> stub.withDeadlineAfter(200, TimeUnit.MILLISECONDS)
                        .slowUser(SlowUserRequest.newBuilder().setMillis(3_000).build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));

        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER), "acme");
        assertThat(stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                        .attachment(AttachmentRequest.newBuilder()
                                .setKey("x-tenant")
                                .build())
                        .getValue())
                .isEqualTo("acme");

        assertThatThrownBy(
                        () -> stub.getUser(GetUserRequest.newBuilder().setId(-1).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
                    assertThat(e.getStatus().getDescription()).isEqualTo("no user -1");
                });
    }

    @Test
    void bytesThatAreNotTheRequestMessage_endInvalidArgument_andNothingRuns() {
        io.grpc.MethodDescriptor<byte[], byte[]> getUser = io.grpc.MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(UserServiceGrpc.getGetUserMethod().getFullMethodName())
                .setRequestMarshaller(new RawBytes())
                .setResponseMarshaller(new RawBytes())
                .build();
        byte[][] hostile = {
            {(byte) 0xff}, // a truncated tag
            {0x08, (byte) 0x80}, // id = a truncated varint
            {0x0a, 0x05, 1}, // a length past the message's end
        };
        for (byte[] bytes : hostile) {
            assertThatThrownBy(() -> io.grpc.stub.ClientCalls.blockingUnaryCall(
                            channel, getUser, io.grpc.CallOptions.DEFAULT, bytes))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(e.getStatus().getDescription()).contains("request message is not a GetUserRequest");
                    });
        }
        assertThat(users.calls).hasValue(0);
    }

    /** Bytes as they are, for a caller that sends what no stub would. */
    private static final class RawBytes implements io.grpc.MethodDescriptor.Marshaller<byte[]> {
        @Override
        public java.io.InputStream stream(byte[] value) {
            return new java.io.ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(java.io.InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    void cancellingAStream_cancelsTheProvidersPublisher() throws Exception {
        ClientCall<StreamUsersRequest, User> call =
                channel.newCall(UserServiceGrpc.getStreamUsersMethod(), io.grpc.CallOptions.DEFAULT);
        CountDownLatch three = new CountDownLatch(3);
        call.start(
                new ClientCall.Listener<>() {
                    @Override
                    public void onMessage(User message) {
                        three.countDown();
                        call.request(1);
                    }
                },
                new Metadata());
        call.sendMessage(StreamUsersRequest.newBuilder().setCount(-1).build());
        call.halfClose();
        call.request(1);
        assertThat(three.await(10, TimeUnit.SECONDS)).isTrue();
        call.cancel("enough", null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> users.streamCancelled.getCount() == 0);
    }

    /** Collects a stream's messages; {@link #done} completes with them when it ends. */
    private static final class Collector<T> implements StreamObserver<T> {
        final List<T> messages = new ArrayList<>();
        final CompletableFuture<List<T>> done = new CompletableFuture<>();

        @Override
        public void onNext(T value) {
            messages.add(value);
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
            done.complete(messages);
        }
    }
}

package io.courier.bench.grpc;

import io.courier.bench.workload.User;
import io.courier.bench.workload.UserService;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC client of {@link UserService} as a new user writes one: {@code ManagedChannelBuilder.forAddress(host,
 * port).usePlaintext()}, nothing else set, one channel (so one HTTP/2 connection) shared by every calling thread, and
 * a blocking stub. Calls carry no deadline, as gRPC's default is.
 */
public final class GrpcUserClient implements AutoCloseable {

    private static final long CLOSE_TIMEOUT_SECONDS = 5;

    private final ManagedChannel channel;
    private final UserServiceGrpc.UserServiceBlockingStub stub;
    private final UserService service;

    private GrpcUserClient(ManagedChannel channel) {
        this.channel = channel;
        this.stub = UserServiceGrpc.newBlockingStub(channel);
        this.service = new RemoteUserService(stub);
    }

    /** A client of the server at {@code host:port}; the channel connects on the first call. */
    public static GrpcUserClient connect(String host, int port) {
        return new GrpcUserClient(
                ManagedChannelBuilder.forAddress(host, port).usePlaintext().build());
    }

    /** The channel, for the other stubs of the same connection. */
    ManagedChannel channel() {
        return channel;
    }

    /** The remote service; thread-safe. */
    public UserService service() {
        return service;
    }

    /**
     * The server stream of {@code count} users, converted one by one as the iterator is read. Read it to the end:
     * the call stays open until then (or until this client closes).
     *
     * @throws io.grpc.StatusRuntimeException from {@code next()} if the call fails, {@code INVALID_ARGUMENT} for a
     *     negative count
     */
    public Iterator<User> streamUsers(int count) {
        Iterator<UserServiceProto.User> messages = stub.streamUsers(
                UserServiceProto.StreamUsersRequest.newBuilder().setCount(count).build());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return messages.hasNext();
            }

            @Override
            public User next() {
                return UserMessages.fromMessage(messages.next());
            }
        };
    }

    /**
     * The protobuf payload of {@code user} on the wire, in bytes: what one message of {@link #streamUsers} carries,
     * without gRPC's 5-byte message prefix and HTTP/2's frames.
     */
    public static int payloadBytes(User user) {
        return UserMessages.toMessage(user).getSerializedSize();
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                channel.shutdownNow().awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

package io.courier.bench.grpc;

import io.courier.bench.stream.UserStreamClient;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@link UserStreamClient} on gRPC's asynchronous stub: a {@link StreamObserver} called on gRPC's default executor,
 * with gRPC's automatic inbound flow control (the HTTP/2 window bounds what is in flight). The counterpart of
 * Courier's {@code Flow.Subscriber}, without the blocking stub's hand-off of each message to the reading thread.
 * The channel is {@link GrpcUserClient}'s: plaintext, nothing else set.
 */
public final class GrpcAsyncStreamClient implements UserStreamClient {

    private final GrpcUserClient client;
    private final UserServiceGrpc.UserServiceStub stub;
    private final boolean convert;

    private GrpcAsyncStreamClient(GrpcUserClient client, boolean convert) {
        this.client = client;
        this.stub = UserServiceGrpc.newStub(client.channel());
        this.convert = convert;
    }

    /**
     * A client that converts each message to the workload's {@code User} ({@code convert}), as every other client of
     * the benchmark does, or only reads its id: that variant shows gRPC's cost without the conversion.
     */
    public static GrpcAsyncStreamClient connect(String host, int port, boolean convert) {
        return new GrpcAsyncStreamClient(GrpcUserClient.connect(host, port), convert);
    }

    @Override
    public long stream(int count) throws InterruptedException {
        CompletableFuture<Long> done = new CompletableFuture<>();
        stub.streamUsers(
                UserServiceProto.StreamUsersRequest.newBuilder().setCount(count).build(), new StreamObserver<>() {
                    private long next;

                    @Override
                    public void onNext(UserServiceProto.User message) {
                        long id = convert ? UserMessages.fromMessage(message).getId() : message.getId();
                        if (id != next) {
                            done.completeExceptionally(
                                    new IllegalStateException("user " + id + " arrived (expected: " + next + ")"));
                        }
                        next++;
                    }

                    @Override
                    public void onError(Throwable failure) {
                        done.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(next);
                    }
                });
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the stream of " + count + " users failed", e.getCause());
        }
    }

    @Override
    public int messageBytes(long id) {
        return GrpcStreamClient.wireBytes(id);
    }

    @Override
    public void close() {
        client.close();
    }
}

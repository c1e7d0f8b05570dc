package io.courier.bench.grpc;

import io.courier.bench.stream.UserStreamClient;
import io.courier.bench.workload.SyntheticUserService;
import io.courier.bench.workload.User;
import java.time.LocalDateTime;
import java.util.Iterator;

/** {@link UserStreamClient} on {@link GrpcUserClient#streamUsers}: gRPC's blocking stub, read to the end. */
public final class GrpcStreamClient implements UserStreamClient {

    private final GrpcUserClient client;

    private GrpcStreamClient(GrpcUserClient client) {
        this.client = client;
    }

    public static GrpcStreamClient connect(String host, int port) {
        return new GrpcStreamClient(GrpcUserClient.connect(host, port));
    }

    @Override
    public long stream(int count) {
        long next = 0;
        Iterator<User> users = client.streamUsers(count);
        while (users.hasNext()) {
            User user = users.next();
            if (user.getId() != next) {
                throw new IllegalStateException("user " + user.getId() + " arrived (expected: " + next + ")");
            }
            next++;
        }
        return next;
    }

    /** gRPC's 5-byte message prefix (compressed flag, length) and the protobuf user. */
    @Override
    public int messageBytes(long id) {
        return wireBytes(id);
    }

    static int wireBytes(long id) {
        return 5
                + UserMessages.toMessage(SyntheticUserService.user(id, LocalDateTime.now()))
                        .getSerializedSize();
    }

    @Override
    public void close() {
        client.close();
    }
}

package io.courier.bench.grpc;

import io.courier.bench.workload.SyntheticUserService;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.LocalDateTime;

/**
 * One {@code StreamUsers} call on the server: sends users {@code 0 .. count-1} (as {@link SyntheticUserService#user}
 * builds them, all created at the call's start) while the call is ready, and goes on from the ready callback when
 * gRPC's flow control lets it. So a slow reader holds the sender back instead of filling the server's memory, as
 * a stream of Courier's must too.
 *
 * <p>gRPC runs the service method and the call's callbacks one at a time, so the counter needs no lock.
 */
final class UserStream implements Runnable {

    private final ServerCallStreamObserver<UserServiceProto.User> call;
    private final int count;
    private final LocalDateTime createTime = LocalDateTime.now();
    private int next;
    private boolean completed;

    UserStream(ServerCallStreamObserver<UserServiceProto.User> call, int count) {
        this.call = call;
        this.count = count;
    }

    /** Registers the callbacks and sends what the call can take now; the rest follows from {@link #run()}. */
    void start() {
        // with a cancel handler set, a cancelled call is seen through isCancelled() instead of an exception
        call.setOnCancelHandler(() -> {});
        call.setOnReadyHandler(this);
        run();
    }

    @Override
    public void run() {
        while (!completed && !call.isCancelled() && next < count && call.isReady()) {
            call.onNext(UserMessages.toMessage(SyntheticUserService.user(next, createTime)));
            next++;
        }
        if (!completed && !call.isCancelled() && next == count) {
            completed = true;
            call.onCompleted();
        }
    }
}

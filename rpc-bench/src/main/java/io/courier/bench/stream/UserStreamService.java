package io.courier.bench.stream;

import io.courier.bench.workload.User;
import java.util.concurrent.Flow;

/** Courier's counterpart of gRPC's {@code StreamUsers}: a server stream of the workload's users. */
public interface UserStreamService {

    /**
     * Users {@code 0 .. count-1}, as {@code SyntheticUserService#user} builds them (all created when the stream is
     * subscribed), one message each, as fast as the subscriber's demand allows; a negative count fails the stream.
     */
    Flow.Publisher<User> streamUsers(int count);
}

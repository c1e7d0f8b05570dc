package io.courier.bench.stream;

import io.courier.bench.workload.User;
import java.util.concurrent.Flow;

/** {@link UserStreamService} on {@link UserPublisher}: users are built as they are requested, none ahead. */
public final class SyntheticUserStream implements UserStreamService {

    @Override
    public Flow.Publisher<User> streamUsers(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 0)");
        }
        return new UserPublisher(count);
    }
}

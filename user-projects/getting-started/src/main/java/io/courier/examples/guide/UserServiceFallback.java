package io.courier.examples.guide;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Answers in place of the remote service when a call fails in the framework (no provider, retries
 * spent, circuit open, timeout); a business exception is an answer and never reaches it. It runs on
 * the consumer, so it must be cheap and must not call the same service again.
 */
public class UserServiceFallback implements UserService {

    @Override
    public User find(long id) {
        return new User(id, "(unavailable)");
    }

    @Override
    public CompletableFuture<List<User>> search(String prefix) {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public User rename(long id, String name) {
        throw new IllegalStateException("users are read-only while the user service is unavailable");
    }

    @Override
    public void touch(long id) {}

    @Override
    public String instance() {
        return "fallback";
    }
}

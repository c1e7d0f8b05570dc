package io.courier.examples.guide;

import io.courier.api.Export;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The provider's implementation: an ordinary class; Courier calls it from its business threads. */
@Export
public class InMemoryUserService implements UserService {

    private final String instance;
    private final ConcurrentMap<Long, User> users = new ConcurrentHashMap<>(Map.of(
            1L, new User(1, "Ada Lovelace"),
            2L, new User(2, "Alan Turing"),
            3L, new User(3, "Grace Hopper")));
    private final AtomicInteger touches = new AtomicInteger();

    /** The constructor scanning uses. */
    public InMemoryUserService() {
        this("users");
    }

    public InMemoryUserService(String instance) {
        this.instance = instance;
    }

    @Override
    public User find(long id) throws UserNotFoundException {
        User user = users.get(id);
        if (user == null) {
            throw new UserNotFoundException(id);
        }
        return user;
    }

    @Override
    public CompletableFuture<List<User>> search(String prefix) {
        // A real service would return the future of a non-blocking client; no Courier thread waits here.
        return CompletableFuture.supplyAsync(() -> users.values().stream()
                .filter(user -> user.name().startsWith(prefix))
                .sorted((a, b) -> Long.compare(a.id(), b.id()))
                .toList());
    }

    @Override
    public User rename(long id, String name) throws UserNotFoundException {
        User renamed = new User(id, name);
        if (users.replace(id, renamed) == null) {
            throw new UserNotFoundException(id);
        }
        return renamed;
    }

    @Override
    public void touch(long id) {
        touches.incrementAndGet();
    }

    @Override
    public String instance() {
        return instance;
    }

    /** How many oneway {@link #touch} calls arrived. */
    public int touches() {
        return touches.get();
    }
}

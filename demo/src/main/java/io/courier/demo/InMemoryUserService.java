package io.courier.demo;

import io.courier.api.Export;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** The provider's implementation: {@link Export} is all it takes to serve it. */
@Export
public final class InMemoryUserService implements UserService {

    private static final Map<Long, User> USERS = Map.of(
            1L, new User(1, "Ada Lovelace"),
            2L, new User(2, "Alan Turing"),
            3L, new User(3, "Grace Hopper"),
            4L, new User(4, "Alonzo Church"));

    private final String instance;
    private final AtomicLong touches = new AtomicLong();

    /** The instance scanning creates. */
    public InMemoryUserService() {
        this("provider");
    }

    public InMemoryUserService(String instance) {
        this.instance = instance;
    }

    @Override
    public User find(long id) throws UserNotFoundException {
        User user = USERS.get(id);
        if (user == null) {
            throw new UserNotFoundException("no user with id " + id);
        }
        return user;
    }

    @Override
    public CompletableFuture<List<User>> search(String prefix) {
        return CompletableFuture.completedFuture(USERS.values().stream()
                .filter(user -> user.name().startsWith(prefix))
                .sorted((a, b) -> Long.compare(a.id(), b.id()))
                // A plain ArrayList: the serializers rebuild it without touching JDK-internal classes.
                .collect(Collectors.toCollection(ArrayList::new)));
    }

    @Override
    public void touch(long id) {
        touches.incrementAndGet();
    }

    @Override
    public String whoAmI() {
        return instance;
    }

    /** How many oneway touches arrived. */
    public long touches() {
        return touches.get();
    }
}

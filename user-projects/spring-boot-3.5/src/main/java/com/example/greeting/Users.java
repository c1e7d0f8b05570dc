package com.example.greeting;

import io.courier.api.Export;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListMap;
import org.springframework.stereotype.Service;

/** The users, in memory: an ordinary Spring bean that Courier serves because its class carries {@code @Export}. */
@Export
@Service
public class Users implements UserResource {

    private final Map<Long, User> users = new ConcurrentSkipListMap<>(Map.of(1L, new User(1, "ada")));

    @Override
    public User get(long id) {
        User user = users.get(id);
        if (user == null) {
            throw new NoSuchElementException("no user " + id);
        }
        return user;
    }

    @Override
    public List<User> list(int page, int size) {
        int perPage = size <= 0 ? 20 : size;
        return users.values().stream().skip((long) page * perPage).limit(perPage).toList();
    }

    @Override
    public User create(User user) {
        users.put(user.id(), user);
        return user;
    }

    @Override
    public User replace(long id, User user) {
        User replaced = new User(id, user.name());
        users.put(id, replaced);
        return replaced;
    }

    @Override
    public void delete(long id) {
        users.remove(id);
    }
}

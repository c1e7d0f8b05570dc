package io.courier.proxy;

import java.util.List;
import java.util.Map;

/** Inherited methods from two super-interfaces, plus generic signatures of its own. */
public interface UserRepository extends Repository<User, Long>, Named {

    <T extends Comparable<T>> List<T> sorted(List<T> values);

    Map<String, List<Long>> idsByName(Map<Long, String> names);

    default String describe(long id) {
        User user = get(id);
        return name() + ":" + (user == null ? "none" : user.name());
    }
}

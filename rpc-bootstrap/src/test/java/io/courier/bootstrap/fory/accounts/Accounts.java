package io.courier.bootstrap.fory.accounts;

import io.courier.protocol.model.Page;
import io.courier.protocol.model.User;
import java.util.concurrent.Flow;

/** The service of the end-to-end tests, shaped like the benchmark's user service. */
public interface Accounts {

    boolean exists(String email);

    boolean create(User user);

    User find(long id);

    Page list(int pageNo);

    void close(long id) throws AccountClosedException;

    Object echo(Object value);

    /** A server stream of {@code count} sample users. */
    Flow.Publisher<User> users(int count);
}

package io.courier.grpc.users;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The workload's user service as an interface-first Courier service on plain Java types, with the
 * stream kinds besides: what stubs generated from the {@code .proto} Courier emits call.
 */
public interface UserService {

    boolean existUser(String email);

    boolean createUser(User user);

    /** The user {@code id}; a negative id fails with an {@code IllegalArgumentException}. */
    User getUser(long id);

    Page<User> listUser(int pageNo);

    /** Users 0 to count-1; a negative count streams until the caller cancels. */
    Flow.Publisher<User> streamUsers(int count);

    /** How many users the caller sent: a client stream. */
    CompletableFuture<Integer> countUsers(Flow.Publisher<User> users);

    /** Each user sent back with its name upper-cased: a bidirectional stream. */
    Flow.Publisher<User> renameUsers(Flow.Publisher<User> users);

    /** The request attachment (gRPC metadata) {@code key}, or "(none)". */
    String attachment(String key);

    /** Sleeps {@code millis}, then answers user 1. */
    User slowUser(long millis);
}

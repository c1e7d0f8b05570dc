package io.courier.examples.guide;

import io.courier.api.Idempotent;
import io.courier.api.Oneway;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The contract provider and consumer share. */
public interface UserService {

    /** Synchronous: the caller's thread waits for the answer (at most the timeout). */
    @Idempotent
    User find(long id) throws UserNotFoundException;

    /** Asynchronous end to end: returns at once, no thread waits. */
    CompletableFuture<List<User>> search(String prefix);

    /** Not idempotent: retried only after failures that prove it did not run. */
    User rename(long id, String name) throws UserNotFoundException;

    /** Oneway: sent without waiting for an answer; the provider sends none. */
    @Oneway
    void touch(long id);

    /** The name of the provider instance that answered, to show routing. */
    @Idempotent
    String instance();
}

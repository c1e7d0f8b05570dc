package io.courier.demo;

import io.courier.api.Oneway;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The demo's service contract: a plain Java interface shared by provider and consumer. */
public interface UserService {

    /** The user with that id. */
    User find(long id) throws UserNotFoundException;

    /** Every user whose name starts with {@code prefix}, answered asynchronously. */
    CompletableFuture<List<User>> search(String prefix);

    /** Notes that the user was seen; sent without waiting for an answer. */
    @Oneway
    void touch(long id);

    /** Which provider instance answered, to show load balancing and fail-over. */
    String whoAmI();
}

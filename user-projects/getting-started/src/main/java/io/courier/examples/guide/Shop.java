package io.courier.examples.guide;

import io.courier.api.Reference;

/**
 * A consumer class: {@code courier.inject(new Shop())} fills its {@link Reference} fields with
 * proxies.
 */
public class Shop {

    /**
     * Every attribute left out takes the configured value, then Courier's default; {@code required}:
     * injecting waits for a provider and fails if none is listed after the first-list wait.
     */
    @Reference(required = true)
    private UserService users;

    /** Another proxy of the same service: shorter timeout, a fallback, calls tagged for the canary. */
    @Reference(timeoutMillis = 500, retries = 1, fallback = UserServiceFallback.class, tag = "canary")
    private UserService canaryUsers;

    public String nameOf(long id) throws UserNotFoundException {
        return users.find(id).name();
    }

    public UserService users() {
        return users;
    }

    public UserService canaryUsers() {
        return canaryUsers;
    }
}

package io.courier.demo;

import io.courier.api.Reference;

/**
 * The consumer's own code: it declares what it needs with {@link Reference} and Courier fills the
 * field with a proxy ({@code courier.inject(client)}), found through the registry.
 */
public final class ShopClient {

    @Reference(timeoutMillis = 2_000)
    private UserService users;

    /** The user's name, or a note that there is none. */
    public String nameOf(long id) {
        try {
            return users.find(id).name();
        } catch (UserNotFoundException e) {
            return "(" + e.getMessage() + ")";
        }
    }

    /** Which provider instance answered. */
    public String servedBy() {
        return users.whoAmI();
    }
}

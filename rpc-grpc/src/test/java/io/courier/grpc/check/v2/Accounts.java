package io.courier.grpc.check.v2;

/**
 * The second version: a field inserted before {@code email} (which renumbers it), {@code email} retyped,
 * the enum's constants reordered.
 */
public interface Accounts {

    /** An account. */
    record Account(String name, String phone, long email, Kind kind) {}

    /** What an account is. */
    enum Kind {
        COMPANY,
        PERSON
    }

    Account get(long id);
}

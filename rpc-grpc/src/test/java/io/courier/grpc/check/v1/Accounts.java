package io.courier.grpc.check.v1;

/** The first version of a service, whose .proto a team committed. */
public interface Accounts {

    /** An account. */
    record Account(String name, String email, Kind kind) {}

    /** What an account is. */
    enum Kind {
        PERSON,
        COMPANY
    }

    Account get(long id);
}

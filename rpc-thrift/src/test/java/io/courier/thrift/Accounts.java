package io.courier.thrift;

import io.courier.api.Oneway;
import io.courier.api.schema.FieldNumber;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The service the Thrift tests call: structs, an enum, containers, a declared exception, a oneway method. */
public interface Accounts {

    Account open(String owner, Kind kind, Set<String> tags);

    /** The new balance; the service's own exception for an account it does not have. */
    long deposit(long id, long cents);

    List<Account> byKind(Kind kind);

    Map<String, Integer> counts();

    byte[] reverse(byte[] bytes);

    /** Nesting as deep as the caller sends: the hostile table's deep message. */
    int depth(Node node);

    @Oneway
    void audit(String note);

    /** Sleeps {@code millis}, then answers them. */
    long pause(long millis);

    /** Overloads have one Thrift name: this one is left out, named in a comment. */
    long deposit(long id, short cents);

    /** An account. */
    record Account(long id, String owner, Kind kind, @FieldNumber(9) long balanceCents, Set<String> tags) {}

    /** A kind of account. */
    enum Kind {
        CHECKING,
        SAVINGS
    }

    /** A node of a chain, as deep as it goes. */
    record Node(String name, Node child) {}

    /** The service's own exception. */
    final class NoSuchAccount extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NoSuchAccount(String message) {
            super(message);
        }
    }
}

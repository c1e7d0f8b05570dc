package io.courier.bootstrap.fory.accounts;

/**
 * A declared exception with a field of its own; the message constructor and the non-final field
 * are what lets a consumer rebuild it (docs/protocol.md, exceptions).
 */
public class AccountClosedException extends Exception {

    private static final long serialVersionUID = 1L;

    private long account;

    public AccountClosedException(String message) {
        super(message);
    }

    public AccountClosedException(String message, long account) {
        super(message);
        this.account = account;
    }

    public long account() {
        return account;
    }
}

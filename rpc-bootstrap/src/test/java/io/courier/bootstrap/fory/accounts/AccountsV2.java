package io.courier.bootstrap.fory.accounts;

/** {@link Accounts} as a newer build of the interface would be: one more method, one more type. */
public interface AccountsV2 extends Accounts {

    Unreached note(Unreached note);
}

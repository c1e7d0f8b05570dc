package io.courier.bootstrap.fory.accounts;

/** A class no method of {@link Accounts} names: fory has no number for it. */
public class Unreached {

    private String note = "not in the service's types";

    public Unreached() {}

    public String note() {
        return note;
    }
}

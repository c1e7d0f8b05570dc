package io.courier.serialization.fory.accounts;

/** The service of the end-to-end tests, shaped like the benchmark's user service. */
public interface Accounts {

    boolean exists(String email);

    boolean create(Member member);

    Member find(long id);

    MemberPage list(int pageNo);

    void close(long id) throws AccountClosedException;

    Object echo(Object value);
}

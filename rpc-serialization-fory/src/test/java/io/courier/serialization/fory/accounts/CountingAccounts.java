package io.courier.serialization.fory.accounts;

import io.courier.api.Export;
import java.util.concurrent.atomic.AtomicInteger;

/** The provider: answers from samples and counts every call that reached it. */
@Export(serializers = "fory")
public class CountingAccounts implements Accounts {

    public final AtomicInteger calls = new AtomicInteger();

    @Override
    public boolean exists(String email) {
        calls.incrementAndGet();
        return email.endsWith("@gmail.com");
    }

    @Override
    public boolean create(Member member) {
        calls.incrementAndGet();
        return member != null && member.id() > 0;
    }

    @Override
    public Member find(long id) {
        calls.incrementAndGet();
        return Member.sample(id);
    }

    @Override
    public MemberPage list(int pageNo) {
        calls.incrementAndGet();
        return MemberPage.sample(pageNo, 15);
    }

    @Override
    public void close(long id) throws AccountClosedException {
        calls.incrementAndGet();
        throw new AccountClosedException("account " + id + " is closed", id);
    }

    @Override
    public Object echo(Object value) {
        calls.incrementAndGet();
        return value;
    }
}

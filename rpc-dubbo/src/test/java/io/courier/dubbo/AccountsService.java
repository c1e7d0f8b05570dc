package io.courier.dubbo;

import io.courier.api.RpcContext;
import io.courier.dubbo.fixture.Account;
import io.courier.dubbo.fixture.AccountException;
import io.courier.dubbo.fixture.Accounts;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** The Courier provider of {@link Accounts}. */
public final class AccountsService implements Accounts {

    final AtomicLong calls = new AtomicLong();
    private final String name;

    public AccountsService(String name) {
        this.name = name;
    }

    @Override
    public String hello(String who) {
        calls.incrementAndGet();
        return "hello " + who;
    }

    @Override
    public Account deposit(Account account, long amount) {
        calls.incrementAndGet();
        return new Account(account.getOwner(), account.getBalance() + amount);
    }

    @Override
    public CompletableFuture<String> helloAsync(String who) {
        calls.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> "hello " + who);
    }

    @Override
    public void withdraw(String owner, long amount) throws AccountException {
        calls.incrementAndGet();
        throw new AccountException("not enough in " + owner, amount - 10);
    }

    @Override
    public String attachment(String key) {
        calls.incrementAndGet();
        return RpcContext.current().requestAttachments().get(key);
    }

    @Override
    public String server() {
        calls.incrementAndGet();
        return name;
    }

    @Override
    public String slow(long millis) {
        calls.incrementAndGet();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return name;
    }
}

package io.courier.dubbo.stock;

import io.courier.dubbo.fixture.Account;
import io.courier.dubbo.fixture.AccountException;
import io.courier.dubbo.fixture.Accounts;
import java.util.concurrent.CompletableFuture;
import org.apache.dubbo.rpc.RpcContext;

/**
 * The Dubbo provider's implementation of {@link Accounts}, answering as Courier's does; every answer
 * carries the attachment {@code served-by=dubbo:<port>}, so a consumer tells the providers apart.
 */
final class DubboAccounts implements Accounts {

    private final String servedBy;

    DubboAccounts(int port) {
        this.servedBy = "dubbo:" + port;
    }

    private void answeredBy() {
        RpcContext.getServerResponseContext().setAttachment("served-by", servedBy);
    }

    @Override
    public String hello(String name) {
        answeredBy();
        return "hello " + name;
    }

    @Override
    public Account deposit(Account account, long amount) {
        return new Account(account.getOwner(), account.getBalance() + amount);
    }

    @Override
    public CompletableFuture<String> helloAsync(String name) {
        return CompletableFuture.completedFuture("hello " + name);
    }

    @Override
    public void withdraw(String owner, long amount) throws AccountException {
        throw new AccountException("not enough in " + owner, amount - 10);
    }

    @Override
    public String attachment(String key) {
        answeredBy();
        return RpcContext.getServerAttachment().getAttachment(key);
    }

    @Override
    public String server() {
        answeredBy();
        return "dubbo";
    }

    @Override
    public String slow(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "dubbo";
    }
}

package io.courier.bootstrap.fory.accounts;

import io.courier.api.Export;
import io.courier.protocol.model.Page;
import io.courier.protocol.model.User;
import java.util.concurrent.Flow;
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
    public boolean create(User user) {
        calls.incrementAndGet();
        return user != null && user.id() > 0;
    }

    @Override
    public User find(long id) {
        calls.incrementAndGet();
        return User.sample(id);
    }

    @Override
    public Page list(int pageNo) {
        calls.incrementAndGet();
        return Page.sample(pageNo, 15);
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

    @Override
    public Flow.Publisher<User> users(int count) {
        calls.incrementAndGet();
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private long demand;
            private long next;
            private boolean emitting;
            private boolean done;

            @Override
            public synchronized void request(long n) {
                demand += n;
                if (emitting) {
                    return;
                }
                emitting = true;
                while (demand > 0 && next < count && !done) {
                    demand--;
                    subscriber.onNext(User.sample(next++));
                }
                emitting = false;
                if (next == count && !done) {
                    done = true;
                    subscriber.onComplete();
                }
            }

            @Override
            public synchronized void cancel() {
                done = true;
            }
        });
    }
}

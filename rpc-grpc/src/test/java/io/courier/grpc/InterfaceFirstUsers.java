package io.courier.grpc;

import io.courier.api.RpcContext;
import io.courier.grpc.users.Page;
import io.courier.grpc.users.User;
import io.courier.grpc.users.UserService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The interface-first {@link UserService} of the tests; counts calls, remembers what it was sent and cancels. */
final class InterfaceFirstUsers implements UserService {

    final AtomicInteger calls = new AtomicInteger();
    final List<User> created = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Counted down when an endless stream is cancelled by its caller. */
    final CountDownLatch streamCancelled = new CountDownLatch(1);

    @Override
    public boolean existUser(String email) {
        calls.incrementAndGet();
        return email.endsWith("1");
    }

    @Override
    public boolean createUser(User user) {
        calls.incrementAndGet();
        created.add(user);
        return user != null;
    }

    @Override
    public User getUser(long id) {
        calls.incrementAndGet();
        if (id < 0) {
            throw new IllegalArgumentException("no user " + id);
        }
        return User.of(id);
    }

    @Override
    public Page<User> listUser(int pageNo) {
        calls.incrementAndGet();
        Page<User> page = new Page<>();
        page.setPageNo(pageNo);
        page.setTotal(100);
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            users.add(User.of(pageNo * 15L + i));
        }
        page.setResult(users);
        return page;
    }

    @Override
    public Flow.Publisher<User> streamUsers(int count) {
        calls.incrementAndGet();
        if (count >= 0) {
            List<User> users = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                users.add(User.of(i));
            }
            return new ListPublisher<>(users);
        }
        return subscriber -> {
            AtomicLong next = new AtomicLong();
            AtomicBoolean cancelled = new AtomicBoolean();
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    for (long i = 0; i < n && !cancelled.get(); i++) {
                        subscriber.onNext(User.of(next.getAndIncrement()));
                    }
                }

                @Override
                public void cancel() {
                    if (!cancelled.getAndSet(true)) {
                        streamCancelled.countDown();
                    }
                }
            });
        };
    }

    @Override
    public CompletableFuture<Integer> countUsers(Flow.Publisher<User> users) {
        calls.incrementAndGet();
        CompletableFuture<Integer> result = new CompletableFuture<>();
        users.subscribe(new Flow.Subscriber<>() {
            private int count;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(User item) {
                count++;
            }

            @Override
            public void onError(Throwable failure) {
                result.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                result.complete(count);
            }
        });
        return result;
    }

    @Override
    public Flow.Publisher<User> renameUsers(Flow.Publisher<User> users) {
        calls.incrementAndGet();
        return new EchoProcessor<User, User>(users, user -> {
            user.setName(user.getName().toUpperCase(Locale.ROOT));
            return List.of(user);
        });
    }

    @Override
    public String attachment(String key) {
        calls.incrementAndGet();
        String value = RpcContext.current().requestAttachments().get(key);
        return value == null ? "(none)" : value;
    }

    @Override
    public User slowUser(long millis) {
        calls.incrementAndGet();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return User.of(1);
    }
}

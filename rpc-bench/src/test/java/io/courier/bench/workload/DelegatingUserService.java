package io.courier.bench.workload;

/** A {@link UserService} that passes every call on; tests override the call they want to break. */
public class DelegatingUserService implements UserService {

    private final UserService delegate;

    /** Passes every call on to a fresh {@link SyntheticUserService}. */
    public DelegatingUserService() {
        this(new SyntheticUserService());
    }

    public DelegatingUserService(UserService delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean existUser(String email) {
        return delegate.existUser(email);
    }

    @Override
    public boolean createUser(User user) {
        return delegate.createUser(user);
    }

    @Override
    public User getUser(long id) {
        return delegate.getUser(id);
    }

    @Override
    public Page<User> listUser(int pageNo) {
        return delegate.listUser(pageNo);
    }
}

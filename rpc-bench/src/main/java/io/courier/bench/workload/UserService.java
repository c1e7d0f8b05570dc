package io.courier.bench.workload;

/**
 * The service every system under test exposes. The four calls span the payload sizes of a typical business API: a
 * short string in and a boolean out, an object in, an object out, and a list of fifteen objects out.
 */
public interface UserService {

    /** Whether a user with that e-mail exists; the answer depends only on the last character. */
    boolean existUser(String email);

    /** Stores nothing and answers whether {@code user} was accepted (it is, when not {@code null}). */
    boolean createUser(User user);

    /** The user with that id, built fresh on each call. */
    User getUser(long id);

    /** Page {@code pageNo} of {@link SyntheticUserService#PAGE_SIZE} users. */
    Page<User> listUser(int pageNo);
}

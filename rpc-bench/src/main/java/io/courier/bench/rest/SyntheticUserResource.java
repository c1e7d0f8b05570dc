package io.courier.bench.rest;

import io.courier.bench.workload.SyntheticUserService;
import io.courier.bench.workload.User;

/** The workload's users, served as {@link UserResource}: the same work as every other path. */
public final class SyntheticUserResource implements UserResource {

    private final SyntheticUserService users = new SyntheticUserService();

    @Override
    public User getUser(long id) {
        return users.getUser(id);
    }
}

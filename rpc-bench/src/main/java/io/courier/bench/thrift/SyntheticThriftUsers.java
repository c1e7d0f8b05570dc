package io.courier.bench.thrift;

import io.courier.bench.workload.SyntheticUserService;
import java.time.LocalDateTime;

/** The answers of {@link SyntheticUserService}, in Thrift's types; both servers call this. Stateless. */
public final class SyntheticThriftUsers implements ThriftUserService {

    private final SyntheticUserService users = new SyntheticUserService();

    @Override
    public boolean existUser(String email) {
        return users.existUser(email);
    }

    @Override
    public ThriftUser getUser(long id) {
        return ThriftUser.of(SyntheticUserService.user(id, LocalDateTime.now()));
    }
}

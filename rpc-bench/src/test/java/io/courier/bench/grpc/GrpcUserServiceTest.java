package io.courier.bench.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.bench.workload.Page;
import io.courier.bench.workload.SyntheticUserService;
import io.courier.bench.workload.User;
import io.courier.bench.workload.UserService;
import io.courier.bench.workload.WorkloadCheck;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The gRPC adapters end to end, server and client in this JVM over 127.0.0.1. */
@Timeout(60)
class GrpcUserServiceTest {

    private GrpcUserServer server;
    private GrpcUserClient client;

    @BeforeEach
    void start() {
        server = GrpcUserServer.start(new NullAnsweringService(new SyntheticUserService()), "127.0.0.1", 0);
        client = GrpcUserClient.connect("127.0.0.1", server.port());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void answersEveryCallOfTheWorkloadAsTheLocalServiceDoes() {
        WorkloadCheck.verify(client.service());
    }

    @Test
    void keepsANullUserNullBothWays() {
        assertThat(client.service().createUser(null)).isFalse();
        assertThat(client.service().getUser(NullAnsweringService.NO_SUCH_USER)).isNull();
    }

    @Test
    void streamUsers_sendsTheRequestedNumberOfUsersInOrder() {
        List<User> users = drain(client.streamUsers(1_000));

        assertThat(users).hasSize(1_000);
        for (int i = 0; i < users.size(); i++) {
            User user = users.get(i);
            assertThat(user).isEqualTo(SyntheticUserService.user(i, user.getCreateTime()));
        }
    }

    @Test
    void streamUsers_ofNoUsersEndsAtOnce() {
        assertThat(drain(client.streamUsers(0))).isEmpty();
    }

    @Test
    void streamUsers_refusesANegativeCount() {
        assertThatThrownBy(() -> drain(client.streamUsers(-1)))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT))
                .hasMessageContaining("count: -1 (expected: >= 0)");
    }

    private static List<User> drain(Iterator<User> stream) {
        List<User> users = new ArrayList<>();
        stream.forEachRemaining(users::add);
        return users;
    }

    /** The workload's service, except that one id has no user. */
    private record NullAnsweringService(UserService delegate) implements UserService {

        static final long NO_SUCH_USER = -404;

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
            return id == NO_SUCH_USER ? null : delegate.getUser(id);
        }

        @Override
        public Page<User> listUser(int pageNo) {
            return delegate.listUser(pageNo);
        }
    }
}

package io.courier.bench.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.bench.workload.DelegatingUserService;
import io.courier.bench.workload.SyntheticUserService;
import io.courier.bench.workload.User;
import io.courier.bench.workload.UserService;
import io.courier.bench.workload.WorkloadCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RawRpcTest {

    private static final String HOST = "127.0.0.1";

    @Test
    void answersEveryCallOfTheWorkloadOverLoopback() throws Exception {
        try (RawRpcServer server = RawRpcServer.start(new SyntheticUserService(), HOST, 0);
                RawRpcClient client = RawRpcClient.connect(HOST, server.port())) {
            WorkloadCheck.verify(new RawUserService(client));
        }
    }

    @Test
    void concurrentCallsOnOneConnectionEachGetTheirOwnAnswer() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try (RawRpcServer server = RawRpcServer.start(new SyntheticUserService(), HOST, 0);
                RawRpcClient client = RawRpcClient.connect(HOST, server.port())) {
            UserService service = new RawUserService(client);
            List<Future<List<Long>>> answers = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                long base = thread * 1_000L;
                answers.add(callers.submit(() -> {
                    List<Long> ids = new ArrayList<>();
                    for (long id = base; id < base + 200; id++) {
                        ids.add(service.getUser(id).getId());
                    }
                    return ids;
                }));
            }
            for (int thread = 0; thread < 8; thread++) {
                long base = thread * 1_000L;
                assertThat(answers.get(thread).get(20, TimeUnit.SECONDS))
                        .hasSize(200)
                        .startsWith(base)
                        .endsWith(base + 199)
                        .isSorted();
            }
        } finally {
            callers.shutdownNow();
            assertThat(callers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aServerSideFailureReachesTheCallerAndTheConnectionKeepsWorking() throws Exception {
        UserService failing = new DelegatingUserService() {
            @Override
            public User getUser(long id) {
                throw new IllegalStateException("no user " + id);
            }
        };
        try (RawRpcServer server = RawRpcServer.start(failing, HOST, 0);
                RawRpcClient client = RawRpcClient.connect(HOST, server.port())) {
            UserService service = new RawUserService(client);

            assertThatThrownBy(() -> service.getUser(1))
                    .isInstanceOf(RawRpcException.class)
                    .hasMessage("java.lang.IllegalStateException: no user 1");
            assertThat(service.existUser("x9")).isTrue();
        }
    }

    @Test
    void callsFailOnceTheServerIsGone() throws Exception {
        RawRpcServer server = RawRpcServer.start(new SyntheticUserService(), HOST, 0);
        try (RawRpcClient client = RawRpcClient.connect(HOST, server.port())) {
            UserService service = new RawUserService(client);
            assertThat(service.existUser("x9")).isTrue();

            server.close();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(() -> service.existUser("x9"))
                    .isInstanceOf(RawRpcException.class)
                    .hasMessage("connection closed"));
        } finally {
            server.close();
        }
    }
}

package io.courier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.bootstrap.Courier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A leader-only service ({@code courier.provider.leader-group}) on two provider JVMs: the leader is
 * killed with SIGKILL, so nothing tells ZooKeeper; its session expires after the session timeout
 * (2 s here), the follower is elected and registers. The replacement must be registered within the
 * session timeout + 1 s of the kill, and no more than one instance is ever registered.
 */
@Timeout(120)
class LeaderKillIT {

    private static final int SESSION_TIMEOUT_MILLIS = 2_000;
    private static final String PROVIDERS = "/courier/" + LedgerService.class.getName() + "/providers";

    private Fleet fleet;
    private CuratorFramework inspector;

    @BeforeEach
    void start() throws InterruptedException {
        fleet = Fleet.start("leader-kill");
        inspector = CuratorFrameworkFactory.newClient(fleet.zooKeeper().connectString(), new RetryOneTime(100));
        inspector.start();
        inspector.blockUntilConnected(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        inspector.close();
        fleet.close();
    }

    private List<String> registered() throws Exception {
        return inspector.checkExists().forPath(PROVIDERS) == null
                ? List.of()
                : inspector.getChildren().forPath(PROVIDERS);
    }

    @Test
    void killedLeader_isReplacedWithinTheSessionTimeoutPlusOneSecond() throws Exception {
        Map<String, String> leaderOnly = Map.of(
                "courier.provider.leader-group",
                "ledger-writer",
                "courier.registry.session-timeout-millis",
                Integer.toString(SESSION_TIMEOUT_MILLIS));
        List<ProviderProcess> providers = fleet.startProviders(leaderOnly, "p1", "p2");
        await().atMost(Duration.ofSeconds(20)).until(() -> registered().size() == 1);
        Courier consumer = fleet.consumer(Map.of());
        LedgerService service =
                consumer.reference(LedgerService.class, Fleet.referenceOptions().build());
        await().atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .until(() -> service.read(fleet.ids().incrementAndGet(), 0) != null);
        // Who leads is read right before the kill: on a loaded machine a stalled leader may already
        // have lost its session and handed over, and the kill must hit the instance that leads now.
        String leaderNode = registered().get(0);
        ProviderProcess leader = providers.stream()
                .filter(p -> leaderNode.equals(p.endpoint().toString()))
                .findFirst()
                .orElseThrow();
        ProviderProcess follower = providers.get(providers.indexOf(leader) == 0 ? 1 : 0);
        AtomicInteger mostRegistered = new AtomicInteger();

        long killedAt = System.nanoTime();
        leader.kill();

        await().atMost(Duration.ofMillis(SESSION_TIMEOUT_MILLIS + 5_000))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    List<String> now = registered();
                    mostRegistered.accumulateAndGet(now.size(), Math::max);
                    return now.equals(List.of(follower.endpoint().toString()));
                });
        long replacedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .ignoreExceptions()
                .until(() -> service.read(fleet.ids().incrementAndGet(), 0).equals(follower.name()));
        long servingMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        Figures.of("leader-only service, leader killed (SIGKILL), 2 providers, " + SESSION_TIMEOUT_MILLIS
                        + " ms sessions")
                .put("follower registered after (ms)", replacedMillis)
                .put("consumer served by the follower after (ms)", servingMillis)
                .put("most instances registered at once", mostRegistered.get())
                .print();
        assertThat(replacedMillis).isLessThan(SESSION_TIMEOUT_MILLIS + 1_000);
        assertThat(mostRegistered.get()).isLessThanOrEqualTo(1);
    }
}

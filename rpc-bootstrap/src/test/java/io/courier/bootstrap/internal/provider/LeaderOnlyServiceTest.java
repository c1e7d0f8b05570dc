package io.courier.bootstrap.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.ServiceOptions;
import io.courier.api.coordination.Lease;
import io.courier.bootstrap.CallLoad;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import io.courier.bootstrap.Environments;
import io.courier.bootstrap.RegistrySampler;
import io.courier.bootstrap.fixtures.leader.BadGroupSequencer;
import io.courier.bootstrap.fixtures.leader.NamedSequencer;
import io.courier.bootstrap.fixtures.leader.PlainSequencer;
import io.courier.bootstrap.fixtures.leader.Sequencer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Leader-only services and the application's coordination, over a real ZooKeeper with 2 s sessions. */
@Timeout(90)
class LeaderOnlyServiceTest {

    private static final Logger log = LoggerFactory.getLogger(LeaderOnlyServiceTest.class);
    private static final String PROVIDERS = "/courier/" + Sequencer.class.getName() + "/providers";
    /** The hand-over bound docs/coordination.md states for a graceful stop of the leader. */
    private static final long HAND_OVER_BOUND_MILLIS = 1_000;

    private TestingServer server;
    private CuratorFramework inspector;
    private final List<Courier> applications = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        // 200 ms ticks let the server accept 2 s sessions
        server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 200, -1), true);
        inspector = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100));
        inspector.start();
        inspector.blockUntilConnected(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        applications.forEach(Courier::close);
        inspector.close();
        server.close();
    }

    private CourierBuilder application(String name) {
        return Environments.builder()
                .application(name)
                .registry("zookeeper://" + server.getConnectString())
                .property("courier.registry.session-timeout-millis", "2000")
                .property("courier.registry.connection-timeout-millis", "5000");
    }

    private Courier started(CourierBuilder builder) {
        Courier courier = builder.start();
        applications.add(courier);
        return courier;
    }

    private Courier provider(String name) {
        return started(application(name).export(new NamedSequencer(name)));
    }

    private List<String> registered() throws Exception {
        return inspector.checkExists().forPath(PROVIDERS) == null
                ? List.of()
                : inspector.getChildren().forPath(PROVIDERS);
    }

    @Test
    void rollingRestartOfThree_oneRegisteredAtATime_andEachGracefulHandOverUnderOneSecondWithoutAFailedCall()
            throws Exception {
        List<Courier> providers = new ArrayList<>(List.of(provider("p1"), provider("p2"), provider("p3")));
        await().atMost(Duration.ofSeconds(10)).until(() -> registered().size() == 1);
        Sequencer sequencer = started(application("consumer")).reference(Sequencer.class);
        // the load counts failures from its first call, so it starts once the consumer has its list
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> sequencer.whoServes() != null);
        try (CallLoad load = CallLoad.start(sequencer, 2);
                RegistrySampler sampler = RegistrySampler.start(this::registered)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> load.successes() > 20);
            List<String> leaders = new ArrayList<>(List.of(load.lastServer()));
            for (int restart = 4; restart <= 6; restart++) {
                Courier leader = providers.stream()
                        .filter(p -> p.options().application().equals(leaders.get(leaders.size() - 1)))
                        .findFirst()
                        .orElseThrow();
                long closing = System.nanoTime();
                leader.close();
                providers.remove(leader);
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> !load.lastServer().equals(leader.options().application()));
                long handOverMillis =
                        TimeUnit.NANOSECONDS.toMillis(load.firstCallAfter(closing, load.lastServer()) - closing);
                log.info(
                        "{} stopped; {} served from {} ms after the stop began",
                        leaders.get(leaders.size() - 1),
                        load.lastServer(),
                        handOverMillis);
                assertThat(handOverMillis)
                        .as("hand-over after stopping the leader")
                        .isLessThan(HAND_OVER_BOUND_MILLIS);
                leaders.add(load.lastServer());
                providers.add(provider("p" + restart));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> load.successes() > 0);
            load.stop();
            log.info(
                    "rolling restart: {} calls, {} failed, longest gap between answers {} ms, most registered {}",
                    load.successes(),
                    load.failures(),
                    load.longestGapMillis(),
                    sampler.most());
            assertThat(load.failures()).as("failed calls").isZero();
            assertThat(load.longestGapMillis()).isLessThan(HAND_OVER_BOUND_MILLIS);
            assertThat(sampler.most()).as("instances registered at once").isEqualTo(1);
            assertThat(load.servers()).as("who served, in order").containsExactlyElementsOf(leaders);
        }
    }

    @Test
    void followerRegistersNothing_andTheGaugeShowsWhoLeads() throws Exception {
        SimpleMeterRegistry leaderMeters = new SimpleMeterRegistry();
        SimpleMeterRegistry followerMeters = new SimpleMeterRegistry();
        Courier leader =
                started(application("leader").meterRegistry(leaderMeters).export(new NamedSequencer("leader")));
        await().atMost(Duration.ofSeconds(10)).until(() -> registered().size() == 1);
        started(application("follower").meterRegistry(followerMeters).export(new NamedSequencer("follower")));
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(5))
                .until(() -> registered().size() == 1);
        assertThat(registered()).containsExactly("127.0.0.1:" + leader.port());
        assertThat(leaderMeters
                        .get(LeaderOnlyService.GAUGE)
                        .tag("group", "sequencer")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(followerMeters.get(LeaderOnlyService.GAUGE).gauge().value()).isZero();
    }

    @Test
    void zooKeeperOutage_endsLeadershipAtOnce_andAfterItExactlyOneInstanceIsRegistered() throws Exception {
        SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
        SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
        started(application("first").meterRegistry(firstMeters).export(new NamedSequencer("first")));
        await().atMost(Duration.ofSeconds(10)).until(() -> registered().size() == 1);
        started(application("second").meterRegistry(secondMeters).export(new NamedSequencer("second")));
        double leading = firstMeters.get(LeaderOnlyService.GAUGE).gauge().value()
                + secondMeters.get(LeaderOnlyService.GAUGE).gauge().value();
        assertThat(leading).isEqualTo(1);

        long stoppedAt = System.nanoTime();
        server.stop();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> firstMeters.get(LeaderOnlyService.GAUGE).gauge().value()
                                + secondMeters
                                        .get(LeaderOnlyService.GAUGE)
                                        .gauge()
                                        .value()
                        == 0);
        long learnedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
        log.info("ZooKeeper stopped: no instance leads after {} ms (2 s sessions)", learnedMillis);
        assertThat(learnedMillis).isLessThan(2_000);

        server.restart();
        await().atMost(Duration.ofSeconds(15))
                .ignoreExceptions()
                .until(() -> firstMeters.get(LeaderOnlyService.GAUGE).gauge().value()
                                + secondMeters
                                        .get(LeaderOnlyService.GAUGE)
                                        .gauge()
                                        .value()
                        == 1);
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(15))
                .ignoreExceptions()
                .until(() -> registered().size() == 1);
    }

    @Test
    void leaderGroupFromConfiguration_makesAPlainExportLeaderOnly() throws Exception {
        String key = "courier.service." + Sequencer.class.getName() + ".leader-group";
        Courier first = started(application("a").property(key, "configured").export(new PlainSequencer("a")));
        Courier second = started(application("b").property(key, "configured").export(new PlainSequencer("b")));
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(10))
                .until(() -> registered().size() == 1);
        // both joined at once; whichever ZooKeeper ordered first leads
        assertThat(registered()).singleElement().isIn("127.0.0.1:" + first.port(), "127.0.0.1:" + second.port());
        List<String> members = inspector.getChildren().forPath("/courier/_coordination/leaders/configured");
        assertThat(members).hasSize(2);
        for (String member : members) {
            byte[] data = inspector.getData().forPath("/courier/_coordination/leaders/configured/" + member);
            assertThat(new String(data, StandardCharsets.UTF_8))
                    .as("an election node names its member: <host>:<pid>:<random>-<n>")
                    .contains(":" + ProcessHandle.current().pid() + ":");
        }
    }

    @Test
    void badLeaderGroups_areRefusedAtStartWithTheValueAndTheRule() {
        assertThatThrownBy(
                        () -> application("x").export(new BadGroupSequencer()).start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("@Export on " + BadGroupSequencer.class.getName()
                        + ": leaderGroup = 'two words' (expected: 1 to 128 ASCII letters");
        assertThatThrownBy(() -> application("x")
                        .property("courier.provider.leader-group", "a/b")
                        .start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("courier.provider.leader-group: 'a/b' (expected: empty, or 1 to 128 ASCII");
        assertThatThrownBy(() -> application("x")
                        .property("courier.provider.leader-grup", "jobs")
                        .start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("did you mean courier.provider.leader-group?");
        assertThatThrownBy(() -> ServiceOptions.builder().leaderGroup("..").build())
                .hasMessageStartingWith("leaderGroup: '..' (expected:");
        assertThatThrownBy(() -> Environments.builder()
                        .export(new NamedSequencer("alone"))
                        .start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "leader group of " + Sequencer.class.getName() + ": 'sequencer' (expected: a registry");
    }

    @Test
    void coordination_sharesTheRegistryAndIsReleasedWhenTheApplicationCloses() throws Exception {
        Courier holder = started(application("holder"));
        Courier other = started(application("other"));
        Lease lease = holder.coordination().lock("nightly-report").acquire(Duration.ofSeconds(5));
        CountDownLatch told = new CountDownLatch(1);
        lease.onInvalidated(told::countDown);
        assertThat(inspector.getChildren().forPath("/courier/_coordination/locks/nightly-report"))
                .hasSize(1);

        holder.close();

        assertThat(told.await(5, TimeUnit.SECONDS)).isTrue();
        try (Lease next = other.coordination().lock("nightly-report").acquire(Duration.ofSeconds(5))) {
            assertThat(next.fencingToken()).isGreaterThan(lease.fencingToken());
        }
        assertThatThrownBy(holder::coordination).isInstanceOf(IllegalStateException.class);
        Courier without = started(Environments.builder());
        assertThatThrownBy(without::coordination)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("coordination needs a registry");
    }
}

package io.courier.registry.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Export;
import io.courier.api.Idempotent;
import io.courier.api.ServiceKey;
import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.RegistryCatalog;
import io.courier.api.store.RegistryStore;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader-only services on etcd, unchanged from ZooKeeper ({@code LeaderOnlyServiceTest} in
 * rpc-bootstrap): a rolling restart of three provider applications whose export is registered only
 * while it leads, under a consumer's steady calls.
 */
@Timeout(90)
class EtcdLeaderOnlyServiceTest {

    private static final Logger log = LoggerFactory.getLogger(EtcdLeaderOnlyServiceTest.class);
    /** The hand-over bound docs/coordination.md states for a graceful stop of the leader. */
    private static final long HAND_OVER_BOUND_MILLIS = 1_000;

    /** The leader-only service. */
    public interface Sequencer {
        /** The name of the instance that served the call. */
        @Idempotent
        String whoServes();
    }

    /** Its implementation, exported only while it leads the group. */
    @Export(leaderGroup = "sequencer")
    public static final class NamedSequencer implements Sequencer {
        private final String name;

        public NamedSequencer(String name) {
            this.name = name;
        }

        @Override
        public String whoServes() {
            return name;
        }
    }

    @RegisterExtension
    static final EtcdPerClass ETCD = new EtcdPerClass();

    private final List<Courier> applications = new ArrayList<>();

    @AfterEach
    void closeApplications() {
        applications.forEach(Courier::close);
    }

    private CourierBuilder application(String name) {
        return Courier.builder()
                .application(name)
                .registry(ETCD.server().address())
                .host("127.0.0.1")
                .property("courier.server.advertised-host", "127.0.0.1")
                // a graceful hand-over does not wait for the lease; 4 s keeps a loaded CI machine from losing it
                .property("courier.registry.session-timeout-millis", "4000")
                .port(0)
                .shutdownHook(false);
    }

    private Courier provider(String name) {
        Courier courier = application(name).export(new NamedSequencer(name)).start();
        applications.add(courier);
        return courier;
    }

    /** Calls {@code whoServes} back to back on one thread, recording who answered and when. */
    private static final class Load implements AutoCloseable {
        record Answer(long atNanos, String server) {}

        final List<Answer> answers = new CopyOnWriteArrayList<>();
        final AtomicInteger failures = new AtomicInteger();
        private final Thread thread;
        private volatile boolean running = true;

        Load(Sequencer sequencer) {
            thread = new Thread(() -> {
                while (running) {
                    try {
                        answers.add(new Answer(System.nanoTime(), sequencer.whoServes()));
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        log.warn("call failed", e);
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.start();
        }

        String lastServer() {
            return answers.get(answers.size() - 1).server();
        }

        /** When {@code server} first answered after {@code sinceNanos}. */
        long firstAnswerAfter(long sinceNanos, String server) {
            return answers.stream()
                    .filter(a -> a.atNanos() > sinceNanos && a.server().equals(server))
                    .findFirst()
                    .orElseThrow()
                    .atNanos();
        }

        long longestGapMillis() {
            long longest = 0;
            for (int i = 1; i < answers.size(); i++) {
                longest = Math.max(
                        longest, answers.get(i).atNanos() - answers.get(i - 1).atNanos());
            }
            return TimeUnit.NANOSECONDS.toMillis(longest);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }
    }

    @Test
    void rollingRestartOfThree_oneRegisteredAtATime_andEachGracefulHandOverUnderOneSecondWithoutAFailedCall()
            throws Exception {
        ServiceKey service = ServiceKey.parse(Sequencer.class.getName());
        try (RegistryStore store = RegistryStore.open(
                RegistryOptions.builder(ETCD.server().address()).build())) {
            RegistryCatalog catalog = store.catalog();
            List<Courier> providers = new ArrayList<>(List.of(provider("p1"), provider("p2"), provider("p3")));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> catalog.providers(service).size() == 1);
            Courier consumer = application("consumer").start();
            applications.add(consumer);
            Sequencer sequencer = consumer.reference(Sequencer.class);
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> sequencer.whoServes() != null);

            AtomicInteger mostRegistered = new AtomicInteger();
            AtomicReference<Boolean> sampling = new AtomicReference<>(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    try {
                        mostRegistered.accumulateAndGet(
                                catalog.providers(service).size(), Math::max);
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        log.debug("sampling failed", e);
                    }
                }
            });
            sampler.start();
            List<String> leaders = new ArrayList<>();
            try (Load load = new Load(sequencer)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> load.answers.size() > 20);
                leaders.add(load.lastServer());
                for (int restart = 4; restart <= 6; restart++) {
                    String leaderName = leaders.get(leaders.size() - 1);
                    Courier leader = providers.stream()
                            .filter(p -> p.options().application().equals(leaderName))
                            .findFirst()
                            .orElseThrow();
                    long closing = System.nanoTime();
                    leader.close();
                    providers.remove(leader);
                    await().atMost(Duration.ofSeconds(5))
                            .until(() -> !load.lastServer().equals(leaderName));
                    long handOverMillis =
                            TimeUnit.NANOSECONDS.toMillis(load.firstAnswerAfter(closing, load.lastServer()) - closing);
                    log.info(
                            "{} stopped; {} served from {} ms after the stop began",
                            leaderName,
                            load.lastServer(),
                            handOverMillis);
                    assertThat(handOverMillis)
                            .as("hand-over after stopping the leader")
                            .isLessThan(HAND_OVER_BOUND_MILLIS);
                    leaders.add(load.lastServer());
                    providers.add(provider("p" + restart));
                }
                int before = load.answers.size();
                await().atMost(Duration.ofSeconds(5)).until(() -> load.answers.size() > before);
                load.close();
                sampling.set(false);
                sampler.join(10_000);
                log.info(
                        "rolling restart on etcd: {} calls, {} failed, longest gap between answers {} ms, most registered {}",
                        load.answers.size(),
                        load.failures.get(),
                        load.longestGapMillis(),
                        mostRegistered.get());
                assertThat(load.failures.get()).as("failed calls").isZero();
                assertThat(load.longestGapMillis()).isLessThan(HAND_OVER_BOUND_MILLIS);
                assertThat(mostRegistered.get())
                        .as("instances registered at once")
                        .isEqualTo(1);
                assertThat(load.answers.stream().map(Load.Answer::server).distinct())
                        .as("who served, in order")
                        .containsExactlyElementsOf(leaders);
            } finally {
                sampling.set(false);
            }
        }
    }
}

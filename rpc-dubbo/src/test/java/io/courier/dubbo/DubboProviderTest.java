package io.courier.dubbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.ErrorCode;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import io.courier.dubbo.fixture.Account;
import io.courier.dubbo.fixture.AccountException;
import io.courier.dubbo.fixture.Accounts;
import io.courier.dubbo.stock.DubboLoadMain;
import io.courier.dubbo.stock.DubboProviderMain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Courier consumer calls stock Apache Dubbo 3.3 providers (each in its own JVM), found in Dubbo's own
 * ZooKeeper layout ({@code courier.registry.dubbo-providers}), over {@code dubbo}: the ways a Dubbo
 * consumer calls them, 10,000 calls from 16 threads, no failed idempotent call while one of two
 * providers is killed with SIGKILL, and a mixed pool: a Dubbo and a Courier provider of the same
 * interface, both answering a Courier consumer and a stock Dubbo consumer.
 */
@Timeout(300)
class DubboProviderTest {

    private static final String MIXED_LOAD = "mixed-dubbo-consumer";

    @Test
    void courierConsumer_callsDubboProviders_everyWay_andLosesOneToSigkill_withNoFailedCall() throws Exception {
        Process first = null;
        Process second = null;
        try (TestingServer zookeeper = new TestingServer(true)) {
            String zk = zookeeper.getConnectString();
            int firstPort = Integer.parseInt(DubboJvm.freePort());
            int secondPort = Integer.parseInt(DubboJvm.freePort());
            first = DubboJvm.start(DubboProviderMain.class, "provider-dubbo-1", zk, Integer.toString(firstPort), "all");
            second = DubboJvm.start(
                    DubboProviderMain.class, "provider-dubbo-2", zk, Integer.toString(secondPort), "all");
            DubboConsumerTest.awaitDubboRegistration(zookeeper, 2);
            try (Courier consumer = consumer(zookeeper)) {
                Accounts accounts = consumer.reference(Accounts.class);

                assertThat(accounts.hello("ann")).isEqualTo("hello ann");
                assertThat(accounts.deposit(new Account("ann", 10), 5).getBalance())
                        .isEqualTo(15);
                assertThat(accounts.helloAsync("bob").get(5, TimeUnit.SECONDS)).isEqualTo("hello bob");
                assertThatThrownBy(() -> accounts.withdraw("ann", 100))
                        .isInstanceOfSatisfying(AccountException.class, e -> {
                            assertThat(e.getMessage()).isEqualTo("not enough in ann");
                            assertThat(e.shortBy()).isEqualTo(90);
                        });
                RpcContext.current().setAttachment("tenant", "t-1");
                try {
                    long before = AnsweredByFilter.answers("dubbo:" + firstPort)
                            + AnsweredByFilter.answers("dubbo:" + secondPort);
                    assertThat(accounts.attachment("tenant")).isEqualTo("t-1");
                    assertThat(AnsweredByFilter.answers("dubbo:" + firstPort)
                                    + AnsweredByFilter.answers("dubbo:" + secondPort))
                            .as("the provider's answer attachment reached the consumer")
                            .isEqualTo(before + 1);
                } finally {
                    RpcContext.current().clearAttachments();
                }
                Accounts impatient = consumer.reference(
                        Accounts.class,
                        ReferenceOptions.builder().timeoutMillis(300).build());
                assertThatThrownBy(() -> impatient.slow(3_000))
                        .isInstanceOfSatisfying(
                                RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));

                assertThat(load(accounts, 16, 10_000))
                        .as("failed calls of 10,000")
                        .isZero();
                assertThat(AnsweredByFilter.answers("dubbo:" + firstPort)).isPositive();
                assertThat(AnsweredByFilter.answers("dubbo:" + secondPort)).isPositive();

                // one of the two providers dies without a word; idempotent calls carry on on the other
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicLong calls = new AtomicLong();
                AtomicLong failed = new AtomicLong();
                AtomicReference<Throwable> firstFailure = new AtomicReference<>();
                ExecutorService callers = Executors.newFixedThreadPool(4);
                try {
                    List<Future<?>> loops = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        loops.add(callers.submit(() -> {
                            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                            while (running.get() && System.nanoTime() < deadline) {
                                try {
                                    accounts.hello("load");
                                    calls.incrementAndGet();
                                } catch (RuntimeException e) {
                                    failed.incrementAndGet();
                                    firstFailure.compareAndSet(null, e);
                                }
                            }
                        }));
                    }
                    await().atMost(Duration.ofSeconds(30)).until(() -> calls.get() >= 2_000);
                    first.destroyForcibly(); // SIGKILL
                    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    long atKill = calls.get();
                    long secondAtKill = AnsweredByFilter.answers("dubbo:" + secondPort);
                    await().atMost(Duration.ofSeconds(60)).until(() -> calls.get() >= atKill + 5_000);
                    running.set(false);
                    for (Future<?> loop : loops) {
                        loop.get(30, TimeUnit.SECONDS);
                    }
                    assertThat(failed.get())
                            .as("failed idempotent calls (first: %s)", firstFailure.get())
                            .isZero();
                    assertThat(AnsweredByFilter.answers("dubbo:" + secondPort) - secondAtKill)
                            .as("answers of the surviving provider after the kill")
                            .isGreaterThanOrEqualTo(5_000);
                } finally {
                    running.set(false);
                    callers.shutdownNow();
                    callers.awaitTermination(30, TimeUnit.SECONDS);
                }
            }
        } finally {
            stop(first);
            stop(second);
        }
    }

    @Test
    void mixedPool_oneCourierAndOneDubboProvider_bothAnswerACourierAndADubboConsumer() throws Exception {
        Process dubbo = null;
        Process dubboConsumer = null;
        try (TestingServer zookeeper = new TestingServer(true)) {
            // an estate of interface-level providers (Dubbo 2.7 style): Courier's joins interface-level too,
            // or the Dubbo consumer's default mode would read Courier's application-level instance only
            // (dubbo.md: which Dubbo consumers find it)
            dubbo = DubboJvm.start(
                    DubboProviderMain.class,
                    "mixed-dubbo",
                    zookeeper.getConnectString(),
                    DubboJvm.freePort(),
                    "interface");
            DubboConsumerTest.awaitDubboRegistration(zookeeper, 1);
            try (Courier provider = DubboConsumerTest.provider(zookeeper, new AccountsService("courier"), "interface");
                    Courier consumer = consumer(zookeeper)) {
                // the Courier provider is in both layouts; its Dubbo entry must not count twice
                DubboConsumerTest.awaitDubboRegistration(zookeeper, 2);
                dubboConsumer = DubboJvm.start(DubboLoadMain.class, MIXED_LOAD, zookeeper.getConnectString(), "2");
                Accounts accounts = consumer.reference(Accounts.class);
                AtomicLong courier = new AtomicLong();
                AtomicLong fromDubbo = new AtomicLong();
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    for (int i = 0; i < 200; i++) {
                        (accounts.server().equals("courier") ? courier : fromDubbo).incrementAndGet();
                    }
                    assertThat(courier.get())
                            .as("Courier consumer: answers from Courier")
                            .isGreaterThanOrEqualTo(100);
                    assertThat(fromDubbo.get())
                            .as("Courier consumer: answers from Dubbo")
                            .isGreaterThanOrEqualTo(100);
                    LoadProgress stock = LoadProgress.of(MIXED_LOAD);
                    assertThat(stock.failed())
                            .as("Dubbo consumer: failed calls")
                            .isZero();
                    assertThat(stock.courier())
                            .as("Dubbo consumer: answers from Courier")
                            .isGreaterThanOrEqualTo(100);
                    assertThat(stock.dubbo())
                            .as("Dubbo consumer: answers from Dubbo")
                            .isGreaterThanOrEqualTo(100);
                });
            }
        } finally {
            stop(dubboConsumer);
            stop(dubbo);
        }
    }

    private static Courier consumer(TestingServer zookeeper) {
        return Courier.builder()
                .application("courier-consumer")
                .registry("zookeeper://" + zookeeper.getConnectString())
                .shutdownHook(false)
                .property("courier.registry.dubbo-providers", Accounts.class.getName())
                .start();
    }

    /** Makes {@code total} calls from {@code threads} threads; returns how many failed. */
    private static long load(Accounts accounts, int threads, int total) throws Exception {
        AtomicLong failed = new AtomicLong();
        AtomicLong left = new AtomicLong(total);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                loops.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        try {
                            if (!accounts.hello("x").equals("hello x")) {
                                failed.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> loop : loops) {
                loop.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        return failed.get();
    }

    private static void stop(Process process) throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

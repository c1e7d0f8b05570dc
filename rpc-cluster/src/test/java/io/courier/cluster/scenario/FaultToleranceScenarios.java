package io.courier.cluster.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.Cluster;
import io.courier.cluster.ClusterBuilder;
import io.courier.cluster.StaticDirectory;
import io.courier.cluster.strategy.FailsafeCluster;
import io.courier.cluster.strategy.TestClusters;
import io.courier.spi.ExtensionLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the cluster layer must guarantee against providers that fail for real: killed while calls
 * are in flight, refusing, timing out, hanging. Each check runs against the {@link ProviderFleet}
 * a subclass starts; the {@link LedgerService} implementation on the providers records what ran,
 * which is how "never executed twice" is proven rather than assumed.
 */
public abstract class FaultToleranceScenarios {

    private static final int KILL_CALLS = 20_000;
    private static final int THREADS = 16;
    private static final int BUDGET_CALLS = 5_000;

    private static final Logger log = LoggerFactory.getLogger(FaultToleranceScenarios.class);

    private final List<AutoCloseable> resources = new ArrayList<>();

    /** Starts {@code size} providers of {@link LedgerService}, all healthy. */
    protected abstract ProviderFleet startFleet(int size);

    /**
     * Publishes what a scenario measured (logged by default); an integration suite overrides it to
     * keep the figures with its own.
     */
    protected void report(String scenario, Map<String, Object> figures) {
        log.info("{}: {}", scenario, figures);
    }

    /** The {@code failback} strategy to test; override to use real delays. */
    protected Cluster failbackCluster() {
        return TestClusters.fastFailback();
    }

    @AfterEach
    void closeResources() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    @Timeout(120)
    void killingOneOfThreeProviders_duringConcurrentCalls_failsNoIdempotentCall() throws Exception {
        ProviderFleet fleet = fleet(3);
        Invoker invoker = refer(fleet, ReferenceOptions.defaults());

        long started = System.nanoTime();
        Load load = Load.run(invoker, LedgerService.READ, KILL_CALLS, THREADS, () -> killWhileBusy(fleet, 1));
        report("idempotent reads, 1 of 3 providers killed", killFigures(fleet, load, started));

        assertThat(load.failures()).isEmpty();
        assertThat(load.succeeded()).isEqualTo(KILL_CALLS);
        assertThat(fleet.lost(1))
                .as("calls in flight on the killed provider, retried elsewhere")
                .isPositive();
    }

    @Test
    @Timeout(120)
    void killingOneOfThreeProviders_failsAtMostTheWritesInFlightOnIt_andRunsNoWriteTwice() throws Exception {
        ProviderFleet fleet = fleet(3);
        Invoker invoker = refer(fleet, ReferenceOptions.defaults());

        long started = System.nanoTime();
        Load load = Load.run(invoker, LedgerService.WRITE, KILL_CALLS, THREADS, () -> killWhileBusy(fleet, 1));
        report("non-idempotent writes, 1 of 3 providers killed", killFigures(fleet, load, started));

        assertThat(fleet.lost(1)).as("writes in flight on the killed provider").isPositive();
        assertThat(fleet.ledger().executedMoreThanOnce()).isEmpty();
        assertThat((long) load.failures().size()).isLessThanOrEqualTo(fleet.lost(1));
        assertThat(load.failures().values())
                .allSatisfy(failure -> assertThat(failure).isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NETWORK);
                    assertThat(e.notExecuted()).isFalse();
                }));
        for (long id = 0; id < KILL_CALLS; id++) {
            if (!load.failures().containsKey(id)) {
                assertThat(fleet.ledger().executions(id)).as("request %d", id).isEqualTo(1);
            }
        }
    }

    @Test
    @Timeout(60)
    void oneProviderAlwaysRefusing_failsNoCall_andRetriesStayWithinTheBudget() throws Exception {
        ProviderFleet fleet = fleet(3);
        fleet.fault(0, Fault.REFUSE);
        Invoker invoker = refer(fleet, ReferenceOptions.defaults());

        long started = System.nanoTime();
        Load load = Load.run(invoker, LedgerService.WRITE, BUDGET_CALLS, THREADS, () -> {});
        long elapsedSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        report("1 of 3 providers refusing every call", budgetFigures(fleet, load, started));

        assertThat(load.failures()).isEmpty();
        long retries = totalAttempts(fleet, 3) - BUDGET_CALLS;
        assertThat(retries).isPositive().isLessThanOrEqualTo(retryBudget(BUDGET_CALLS, elapsedSeconds));
        assertThat(totalSent(fleet, 3) - BUDGET_CALLS)
                .as("retries counted by the consumer")
                .isLessThanOrEqualTo(retryBudget(BUDGET_CALLS, elapsedSeconds));
        assertThat(fleet.ledger().executedMoreThanOnce()).isEmpty();
    }

    @Test
    @Timeout(60)
    void everyProviderRefusing_attemptsPerCallStayWithinTheBudget() throws Exception {
        ProviderFleet fleet = fleet(3);
        for (int i = 0; i < 3; i++) {
            fleet.fault(i, Fault.REFUSE);
        }
        Invoker invoker = refer(fleet, ReferenceOptions.defaults());

        long started = System.nanoTime();
        Load load = Load.run(invoker, LedgerService.WRITE, BUDGET_CALLS, THREADS, () -> {});
        long elapsedSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        report("3 of 3 providers refusing every call", budgetFigures(fleet, load, started));

        assertThat(load.failures()).hasSize(BUDGET_CALLS);
        assertThat(totalSent(fleet, 3) - BUDGET_CALLS)
                .as("retries counted by the consumer")
                .isLessThanOrEqualTo(retryBudget(BUDGET_CALLS, elapsedSeconds));
        long retries = totalAttempts(fleet, 3) - BUDGET_CALLS;
        assertThat(retries)
                .as("without a budget, retries = 2 per call = %d", 2 * BUDGET_CALLS)
                .isLessThanOrEqualTo(retryBudget(BUDGET_CALLS, elapsedSeconds));
        assertThat(load.failures().values())
                .anySatisfy(failure -> assertThat(failure).hasMessageContaining("retry budget"));
    }

    @Test
    void failover_retriesATimedOutRead_butNotATimedOutWrite() throws Exception {
        ProviderFleet fleet = fleet(3);
        fleet.fault(0, Fault.EXECUTE_THEN_TIME_OUT);
        Invoker invoker = refer(fleet, options("failover"));

        Throwable writeFailure = failure(invoker, LedgerService.WRITE, 1);
        RpcResult read = answer(invoker, LedgerService.READ, 2);

        assertThat(writeFailure)
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT))
                .hasMessageContaining("LedgerService#write(long) after 1 attempt on ["
                        + fleet.instances().get(0).endpoint() + "]")
                .hasMessageContaining("not @Idempotent");
        assertThat(fleet.ledger().executions(1)).isEqualTo(1);
        assertThat(read.value()).isEqualTo(1);
        assertThat(fleet.ledger().executions(2))
                .as("an idempotent read may run twice")
                .isEqualTo(2);
    }

    @Test
    void failfast_reportsTheFirstFailure_withoutTryingAnotherProvider() throws Exception {
        ProviderFleet fleet = fleet(3);
        fleet.fault(0, Fault.REFUSE);
        Invoker invoker = refer(fleet, options("failfast"));

        Throwable failure = failure(invoker, LedgerService.WRITE, 1);

        assertThat(failure).isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code())
                .isEqualTo(ErrorCode.SERVER_BUSY));
        assertThat(totalAttempts(fleet, 3)).isEqualTo(1);
        assertThat(fleet.ledger().executions(1)).isZero();
    }

    @Test
    void failsafe_answersAnEmptyResult_whenTheCallFails() throws Exception {
        ProviderFleet fleet = fleet(3);
        fleet.fault(0, Fault.REFUSE);
        Invoker invoker = refer(fleet, options("failsafe"));
        ch.qos.logback.classic.Logger failsafeLog =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(FailsafeCluster.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        failsafeLog.addAppender(logged);
        try {
            assertThat(answer(invoker, LedgerService.WRITE, 1).value()).isEqualTo(0);
        } finally {
            failsafeLog.detachAppender(logged);
        }

        assertThat(logged.list)
                .singleElement()
                .satisfies(event -> assertThat(event.getLevel()).isEqualTo(Level.WARN))
                .satisfies(event -> assertThat(event.getFormattedMessage())
                        .contains("failsafe: ignoring a failure", "SERVER_BUSY", "LedgerService#write(long)"));
        assertThat(fleet.ledger().executions(1)).isZero();
        assertThat(answer(invoker, LedgerService.WRITE, 2).value()).isEqualTo(1);
    }

    @Test
    void failback_answersAtOnce_andRunsTheCallLaterOnAnotherProvider() throws Exception {
        ProviderFleet fleet = fleet(3);
        fleet.fault(0, Fault.REFUSE);
        Invoker invoker = refer(
                fleet, ReferenceOptions.builder().loadBalancer("roundrobin").build(), failbackCluster());

        assertThat(answer(invoker, LedgerService.WRITE, 7).value()).isEqualTo(0);

        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.ledger().executions(7) == 1);
        assertThat(fleet.ledger().executedBy(0)).isZero();
    }

    @Test
    void forking_answersWithTheFirstProvider_whileAnotherHangs_andNeverForksAWrite() throws Exception {
        ProviderFleet fleet = fleet(3);
        fleet.fault(0, Fault.HANG);
        Invoker invoker = refer(fleet, options("forking"));

        long beforeRead = totalAttempts(fleet, 3);
        RpcResult read = answer(invoker, LedgerService.READ, 5);

        assertThat(read.value()).isIn(1, 2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(totalAttempts(fleet, 3) - beforeRead)
                .as("forks of the read, one per provider")
                .isEqualTo(3));
        await().atMost(Duration.ofSeconds(10)).until(() -> fleet.ledger().executions(5) == 2);
        assertThat(fleet.ledger().executedBy(0))
                .as("the hanging provider ran nothing")
                .isZero();
        fleet.fault(0, Fault.NONE);
        long before = totalAttempts(fleet, 3);
        answer(invoker, LedgerService.WRITE, 6);
        assertThat(totalAttempts(fleet, 3) - before).isEqualTo(1);
        assertThat(fleet.ledger().executions(6)).isEqualTo(1);
    }

    @Test
    void broadcast_runsOnEveryProvider_andFailsNamingTheOneThatFailed() throws Exception {
        ProviderFleet fleet = fleet(3);
        Invoker invoker = refer(fleet, options("broadcast"));

        answer(invoker, LedgerService.REFRESH, 9);
        assertThat(fleet.ledger().executions(9)).isEqualTo(3);

        fleet.kill(1);
        Throwable failure = failure(invoker, LedgerService.REFRESH, 10);

        // Over real sockets the killed server's last frame may be its going-away notice, and a consumer
        // that read it before the close refuses the next call GOING_AWAY instead of dialling again.
        assertThat(failure)
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code())
                        .isIn(ErrorCode.NETWORK, ErrorCode.CONNECT_FAILED, ErrorCode.GOING_AWAY))
                .hasMessageContaining(
                        "on [" + fleet.instances().get(1).endpoint() + "] (broadcast to 3 instances; 1 failed)");
        assertThat(fleet.ledger().executions(10)).isEqualTo(2);
    }

    /**
     * Kills {@code provider} as soon as it runs a call (the other callers keep it busy, and every call
     * sent to it until its connections close is lost too), so that the kill always loses some; gives up
     * waiting after 5 s and kills it anyway. One call, not two: a call runs for 50 µs, and on a busy
     * machine this spinning thread saw two at once so rarely that the load ended first, losing none.
     */
    private static void killWhileBusy(ProviderFleet fleet, int provider) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (fleet.inFlight(provider) < 1 && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
        fleet.kill(provider);
    }

    /** At most 20% of calls plus 10 per second of each 10-second window the load spanned. */
    private static long retryBudget(long calls, long elapsedSeconds) {
        long windows = elapsedSeconds / 10 + 1;
        long raceSlack = THREADS;
        return calls * 20 / 100 + 100 * windows + raceSlack;
    }

    private static Map<String, Object> killFigures(ProviderFleet fleet, Load load, long startedNanos) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("calls", KILL_CALLS);
        figures.put("threads", THREADS);
        figures.put("failed", load.failures().size());
        figures.put("in flight on the killed provider (lost)", fleet.lost(1));
        figures.put("run more than once", fleet.ledger().executedMoreThanOnce().size());
        figures.put(
                "ran per provider",
                List.of(
                        fleet.ledger().executedBy(0),
                        fleet.ledger().executedBy(1),
                        fleet.ledger().executedBy(2)));
        figures.put("ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
        return figures;
    }

    private static Map<String, Object> budgetFigures(ProviderFleet fleet, Load load, long startedNanos) {
        long elapsedSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("calls", BUDGET_CALLS);
        figures.put("failed", load.failures().size());
        figures.put("attempts seen by providers", totalAttempts(fleet, 3));
        figures.put("attempts sent by the consumer", totalSent(fleet, 3));
        figures.put("per provider", List.of(fleet.attempts(0), fleet.attempts(1), fleet.attempts(2)));
        figures.put("retries", totalAttempts(fleet, 3) - BUDGET_CALLS);
        figures.put("retry budget", retryBudget(BUDGET_CALLS, elapsedSeconds));
        figures.put("without a budget at most", 2L * BUDGET_CALLS);
        figures.put("ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
        return figures;
    }

    private static long totalSent(ProviderFleet fleet, int size) {
        long sent = 0;
        for (int i = 0; i < size; i++) {
            sent += fleet.sent(i);
        }
        return sent;
    }

    private static long totalAttempts(ProviderFleet fleet, int size) {
        long attempts = 0;
        for (int i = 0; i < size; i++) {
            attempts += fleet.attempts(i);
        }
        return attempts;
    }

    private ProviderFleet fleet(int size) {
        ProviderFleet fleet = startFleet(size);
        resources.add(fleet);
        return fleet;
    }

    private static ReferenceOptions options(String cluster) {
        return ReferenceOptions.builder()
                .cluster(cluster)
                .loadBalancer("roundrobin")
                .build();
    }

    private Invoker refer(ProviderFleet fleet, ReferenceOptions options) {
        return refer(fleet, options, ExtensionLoader.of(Cluster.class).get(options.cluster()));
    }

    private Invoker refer(ProviderFleet fleet, ReferenceOptions options, Cluster cluster) {
        StaticDirectory directory =
                StaticDirectory.ofInstances(LedgerService.KEY, fleet.instances(), fleet.connector());
        resources.add(directory);
        Invoker invoker = ClusterBuilder.of(directory, options).cluster(cluster).build();
        // Calls pick among instances whose connection is ready, from a snapshot of them refreshed on
        // the call path at most every 20 ms; connections open in the background. Every scenario
        // starts with all instances connected and a snapshot old enough to be rebuilt by the first
        // call, so that its first pick is the balancer's first choice among all of them.
        await().pollDelay(Duration.ofMillis(25))
                .atMost(Duration.ofSeconds(10))
                .until(() -> directory.candidates().stream().allMatch(Candidate::available));
        return invoker;
    }

    private static RpcResult answer(Invoker invoker, MethodDescriptor method, long id) throws Exception {
        return invoker.invoke(call(method, id)).get(10, TimeUnit.SECONDS);
    }

    private static Throwable failure(Invoker invoker, MethodDescriptor method, long id) throws Exception {
        try {
            RpcResult result = invoker.invoke(call(method, id)).get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + result);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static Invocation call(MethodDescriptor method, long id) {
        return Invocation.of(LedgerService.KEY, method, new Object[] {id});
    }

    /**
     * Calls request ids 0 to n-1 from {@code threads} threads, each waiting for its answer, and
     * runs {@code midway} once, from a calling thread, when a quarter of the calls are done.
     */
    record Load(int succeeded, Map<Long, Throwable> failures) {

        static Load run(Invoker invoker, MethodDescriptor method, int calls, int threads, Runnable midway)
                throws Exception {
            AtomicLong next = new AtomicLong();
            AtomicInteger done = new AtomicInteger();
            AtomicInteger succeeded = new AtomicInteger();
            AtomicBoolean midwayRun = new AtomicBoolean();
            Map<Long, Throwable> failures = new ConcurrentHashMap<>();
            ExecutorService callers = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    workers.add(callers.submit(() -> {
                        for (long id = next.getAndIncrement(); id < calls; id = next.getAndIncrement()) {
                            CompletableFuture<RpcResult> answer = invoker.invoke(call(method, id));
                            try {
                                answer.get(10, TimeUnit.SECONDS);
                                succeeded.incrementAndGet();
                            } catch (ExecutionException e) {
                                failures.put(id, e.getCause());
                            } catch (TimeoutException e) {
                                failures.put(id, e);
                            }
                            if (done.incrementAndGet() >= calls / 4 && midwayRun.compareAndSet(false, true)) {
                                midway.run();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get(100, TimeUnit.SECONDS);
                }
            } finally {
                callers.shutdownNow();
                if (!callers.awaitTermination(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("calling threads did not stop");
                }
            }
            return new Load(succeeded.get(), Map.copyOf(failures));
        }
    }
}

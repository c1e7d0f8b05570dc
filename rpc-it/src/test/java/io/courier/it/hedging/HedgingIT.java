package io.courier.it.hedging;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Endpoint;
import io.courier.api.Idempotent;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.cluster.Cluster;
import io.courier.api.serialization.Serializer;
import io.courier.cluster.ClusterBuilder;
import io.courier.cluster.ClusterOptions;
import io.courier.cluster.StaticDirectory;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.serialization.ClassAllowList;
import io.courier.protocol.serialization.ProtostuffSerializer;
import io.courier.protocol.serialization.Serializers;
import io.courier.spi.ExtensionLoader;
import io.courier.transport.CallOptions;
import io.courier.transport.ExecutorKind;
import io.courier.transport.ServiceExport;
import io.courier.transport.ServiceTable;
import io.courier.transport.TransportClient;
import io.courier.transport.TransportOptions;
import io.courier.transport.TransportServer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code hedging} strategy over real sockets: three providers, one of which answers 200 ms late
 * for 20% of its calls (its method sleeps, holding one of its 8 executor threads). Callers make
 * calls one after another; the p99 with hedging is compared with the p99 of the healthy providers
 * alone (the same callers, a reference over the two healthy ones), and the figures are logged for
 * {@code docs/cluster.md}. Also counts: second attempts against the cap, attempts the late provider
 * dropped unrun because they were cancelled before they started, and its method's runs; and a
 * non-idempotent method is never sent twice.
 */
@Timeout(120)
class HedgingIT {

    private static final Logger log = LoggerFactory.getLogger(HedgingIT.class);

    /** The service: an idempotent read and a write that must never run twice. */
    public interface Catalog {
        @Idempotent
        String read(long id);

        String write(long id);
    }

    private static final ServiceDescriptor DESCRIPTOR = ServiceDescriptor.of(Catalog.class);
    private static final ServiceKey KEY = ServiceKey.of(Catalog.class);
    private static final Serializer PROTOSTUFF = new ProtostuffSerializer();
    private static final int CALLERS = 4;
    private static final int CALLS = 6_000;
    private static final int WARM_UP = 1_000;
    private static final int BUDGET_PERCENT = Integer.getInteger("hedging.budget", 40);
    /**
     * A latency-aware balancer, as a user who hedges would pick: an attempt cancelled because the
     * other answered first still counts its wait in its instance's latency, so calls drift away from
     * the late instance and fewer need a second attempt. ({@code -Dhedging.balancer=random} to compare.)
     */
    private static final String BALANCER = System.getProperty("hedging.balancer", "random");

    private final List<Provider> providers = new ArrayList<>();
    private TransportClient client;

    /** One provider: its server and how often its methods ran. */
    private static final class Provider implements Invoker {
        final boolean late;
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();
        final TransportServer server;

        Provider(boolean late) {
            this.late = late;
            ServiceTable table = new ServiceTable();
            ClassAllowList policy = ClassAllowList.of(DESCRIPTOR, ProtocolOptions.defaults());
            table.add(new ServiceExport(
                    KEY, DESCRIPTOR, this, List.of(PROTOSTUFF.forService(DESCRIPTOR, policy)), policy, null));
            this.server = TransportServer.start(
                    new InetSocketAddress("127.0.0.1", 0),
                    TransportOptions.builder()
                            .ioThreads(1)
                            .executorThreads(8)
                            .executorQueueSize(1_000)
                            .adaptivePool(false)
                            .executor(ExecutorKind.POOL)
                            .build(),
                    Serializers.of(PROTOSTUFF),
                    table);
        }

        @Override
        public CompletableFuture<RpcResult> invoke(Invocation invocation) {
            long id = (Long) invocation.argument(0);
            if (invocation.method().name().equals("write")) {
                writes.incrementAndGet();
                return CompletableFuture.completedFuture(RpcResult.of("w" + id));
            }
            reads.incrementAndGet();
            if (late && ThreadLocalRandom.current().nextInt(100) < 20) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return CompletableFuture.completedFuture(RpcResult.of("r" + id));
        }

        Endpoint endpoint() {
            return Endpoint.of("127.0.0.1", server.port());
        }
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
        providers.forEach(provider -> provider.server.close());
    }

    @Test
    void hedgingCutsTheTailOfALateProvider_withinItsCap_andNeverHedgesAWrite() throws Exception {
        providers.add(new Provider(false));
        providers.add(new Provider(false));
        Provider late = new Provider(true);
        providers.add(late);
        client = TransportClient.create(TransportOptions.builder().ioThreads(1).build(), Serializers.of(PROTOSTUFF));
        CallOptions callOptions =
                CallOptions.of(PROTOSTUFF, ClassAllowList.of(DESCRIPTOR, ProtocolOptions.defaults()), 5_000);
        Map<Endpoint, AtomicLong> attempts = new ConcurrentHashMap<>();

        ClusterOptions hedging = ClusterOptions.builder()
                .hedgingPercentile(90)
                .hedgingBudgetPercent(BUDGET_PERCENT)
                .build();
        Invoker healthy = reference(providers.subList(0, 2), callOptions, "failover", hedging, attempts);
        Invoker hedged = reference(providers, callOptions, "hedging", hedging, attempts);
        Invoker unhedged = reference(providers, callOptions, "failover", hedging, attempts);

        load(healthy, WARM_UP);
        load(hedged, WARM_UP);
        List<Long> healthyNanos = load(healthy, CALLS);
        List<Long> unhedgedNanos = load(unhedged, CALLS / 2);

        attempts.clear();
        long lateReadsBefore = late.reads.get();
        long cancelledBefore = late.server.cancelledBeforeRun();
        List<Long> hedgedNanos = load(hedged, CALLS);
        long sent = attempts.values().stream().mapToLong(AtomicLong::get).sum();
        long extra = sent - CALLS;

        long healthyP99 = percentile(healthyNanos, 99);
        long hedgedP99 = percentile(hedgedNanos, 99);
        long unhedgedP99 = percentile(unhedgedNanos, 99);
        String figures = String.format(
                "hedging over 3 providers (one 200 ms late for 20%% of its calls), balancer %s, %d callers, %d calls:"
                        + " p50/p99 healthy-only %.2f/%.2f ms, without hedging %.2f/%.2f ms, with hedging %.2f/%.2f ms;"
                        + " second attempts %d (%.1f%% of calls, cap %d%%); late provider: attempts %d, ran %d,"
                        + " dropped unrun after a cancel %d",
                BALANCER,
                CALLERS,
                CALLS,
                percentile(healthyNanos, 50) / 1e6,
                healthyP99 / 1e6,
                percentile(unhedgedNanos, 50) / 1e6,
                unhedgedP99 / 1e6,
                percentile(hedgedNanos, 50) / 1e6,
                hedgedP99 / 1e6,
                extra,
                100.0 * extra / CALLS,
                BUDGET_PERCENT,
                attempts.getOrDefault(late.endpoint(), new AtomicLong()).get(),
                late.reads.get() - lateReadsBefore,
                late.server.cancelledBeforeRun() - cancelledBefore);
        log.info(figures);
        System.out.println(figures);

        assertThat(unhedgedP99).as("the late provider makes a tail at all").isGreaterThan(150_000_000L);
        // Loosely: twice the healthy p99, but never under 20 ms (a shared 2-core machine's scheduler).
        assertThat(hedgedP99).as(figures).isLessThanOrEqualTo(Math.max(2 * healthyP99, 20_000_000L));
        // The budget's window is 10 s and the run is shorter: every second attempt is in one window.
        assertThat(extra).as(figures).isLessThanOrEqualTo((long) CALLS * BUDGET_PERCENT / 100);
        assertThat(late.reads.get() - lateReadsBefore + late.server.cancelledBeforeRun() - cancelledBefore)
                .as("the late provider ran or dropped each attempt at most once: " + figures)
                .isLessThanOrEqualTo(
                        attempts.getOrDefault(late.endpoint(), new AtomicLong()).get());

        int writesBefore = providers.stream().mapToInt(p -> p.writes.get()).sum();
        List<CompletableFuture<RpcResult>> writes = new ArrayList<>();
        for (long id = 0; id < 200; id++) {
            writes.add(hedged.invoke(Invocation.of(KEY, DESCRIPTOR.find("write(long)"), new Object[] {id})));
        }
        for (CompletableFuture<RpcResult> write : writes) {
            write.get(10, TimeUnit.SECONDS);
        }
        assertThat(providers.stream().mapToInt(p -> p.writes.get()).sum() - writesBefore)
                .as("a write is never hedged")
                .isEqualTo(200);
    }

    private Invoker reference(
            List<Provider> targets,
            CallOptions callOptions,
            String strategy,
            ClusterOptions clusterOptions,
            Map<Endpoint, AtomicLong> attempts) {
        List<Endpoint> endpoints = targets.stream().map(Provider::endpoint).toList();
        StaticDirectory directory = StaticDirectory.ofEndpoints(KEY, endpoints, instance -> {
            Invoker transport = client.invoker(instance.endpoint(), callOptions);
            Endpoint endpoint = instance.endpoint();
            return invocation -> {
                attempts.computeIfAbsent(endpoint, e -> new AtomicLong()).incrementAndGet();
                return transport.invoke(invocation);
            };
        });
        Cluster cluster = ExtensionLoader.of(Cluster.class).get(strategy);
        return ClusterBuilder.of(
                        directory,
                        ReferenceOptions.defaults().toBuilder()
                                .loadBalancer(BALANCER)
                                .build())
                .routers(List.of())
                .clusterOptions(clusterOptions)
                .cluster(cluster)
                .build();
    }

    /** {@link #CALLERS} threads make {@code calls} reads in all, one after another; the latency of each. */
    private static List<Long> load(Invoker invoker, int calls) throws Exception {
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>(calls));
        AtomicInteger left = new AtomicInteger(calls);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < CALLERS; t++) {
            Thread thread = new Thread(() -> {
                try {
                    while (left.getAndDecrement() > 0) {
                        long id = ThreadLocalRandom.current().nextLong(1_000_000);
                        long start = System.nanoTime();
                        Object value = invoker.invoke(
                                        Invocation.of(KEY, DESCRIPTOR.find("read(long)"), new Object[] {id}))
                                .get(10, TimeUnit.SECONDS)
                                .value();
                        nanos.add(System.nanoTime() - start);
                        if (!("r" + id).equals(value)) {
                            throw new AssertionError("answer " + value + " to read(" + id + ")");
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        assertThat(failures).isEmpty();
        return nanos;
    }

    private static long percentile(List<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * percentile / 100.0) - 1));
    }
}

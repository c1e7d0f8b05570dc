package io.courier.registry.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Idempotent;
import io.courier.api.ReferenceOptions;
import io.courier.api.ServiceKey;
import io.courier.api.registry.RegistryOptions;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.config.ApplicationKeys;
import io.courier.registry.kubernetes.internal.SliceLayout;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rolling update of three providers under load, found through a Service's EndpointSlices on the API
 * server, written as Kubernetes writes them: each new pod's endpoint appears not ready, then ready; each
 * old pod's endpoint turns {@code terminating=true, ready=false, serving=true}, its provider stops
 * gracefully, then its endpoint is removed. Not one call fails, no write runs twice, a terminating
 * endpoint gets no new call once the watch delivered it; then a pod's endpoint removed outright (the pod
 * deleted) stops getting calls within the watch latency. The providers are real Courier applications on
 * 127.0.0.1, each pod's endpoint in a slice of its own (as the EndpointSlice controller splits
 * endpoints whose named port resolves to different numbers); only the API server is fabric8's mock.
 */
@Timeout(60)
class KubernetesRollingUpdateTest {

    private static final String NAMESPACE = "rolling";
    private static final ServiceKey ORDERS = ServiceKey.of(Orders.class);
    private static final int READERS = 4;
    private static final int WRITERS = 4;
    private static final long QUIET_MILLIS = 300; // no call for this long: the endpoint is out of the consumer's list
    private static final KubernetesApiServer server = new KubernetesApiServer();

    private final List<Pod> pods = new ArrayList<>();
    private final Map<Long, LongAdder> executions = new ConcurrentHashMap<>(); // write id -> runs, all pods
    private final List<Thread> load = new ArrayList<>();
    private volatile boolean loading = true;

    /** What the providers serve: each answers with the pod's name. */
    public interface Orders {
        @Idempotent
        String read(long id, int millis);

        /** Never retried once it may have run. */
        String write(long id, int millis);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        loading = false;
        for (Thread thread : load) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        pods.forEach(pod -> pod.courier().close());
    }

    @Test
    void rollingUpdateUnderLoad_failsNoCall_drainsTerminatingEndpoints_andADeletedPodStopsGettingCalls() {
        RegistryOptions registry = RegistryOptions.builder(server.address(NAMESPACE))
                .sessionTimeoutMillis(2_000)
                .connectionTimeoutMillis(2_000)
                .build();
        try (KubernetesClient api = KubernetesClients.build(KubernetesAddress.parse(registry.address()), registry);
                Courier consumer = Courier.builder()
                        .application("shop")
                        .registry(registry)
                        .shutdownHook(false)
                        .start()) {
            List<Pod> serving = new ArrayList<>();
            for (String name : List.of("orders-1", "orders-2", "orders-3")) {
                Pod pod = startPod(name);
                slices(api).resource(slice(pod, true, false)).create();
                serving.add(pod);
            }
            Orders orders = consumer.reference(
                    Orders.class,
                    ReferenceOptions.builder().timeoutMillis(3_000).build());
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicLong calls = new AtomicLong();
            startLoad(orders, calls, failures);
            serving.forEach(pod -> awaitCalls(pod, 50));

            List<Long> drainMillis = new ArrayList<>();
            List<Long> stopMillis = new ArrayList<>();
            long notReadyCalls = 0;
            for (int i = 0; i < serving.size(); i++) {
                Pod old = serving.get(i);
                Pod fresh = startPod(old.name() + "-v2");
                slices(api).resource(slice(fresh, false, false)).create();
                // a watch's worth of time for a not-ready endpoint to be (wrongly) picked up
                await().pollDelay(Duration.ofMillis(200)).until(() -> true);
                notReadyCalls += fresh.service().calls.sum();
                slices(api).resource(slice(fresh, true, false)).update();
                awaitCalls(fresh, 50);

                long terminatingAt = System.nanoTime();
                slices(api).resource(slice(old, false, true)).update();
                awaitQuiet(old);
                drainMillis.add(TimeUnit.NANOSECONDS.toMillis(
                        old.service().lastCallNanos.get() - terminatingAt));
                long stopAt = System.nanoTime();
                old.courier().close();
                stopMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopAt));
                slices(api).withName(old.name()).delete();
                serving.set(i, fresh);
            }

            // a pod deleted: its endpoint removed with no terminating phase, its process still answering
            Pod deleted = serving.remove(0);
            long removedAt = System.nanoTime();
            slices(api).withName(deleted.name()).delete();
            awaitQuiet(deleted);
            long deletedMillis = TimeUnit.NANOSECONDS.toMillis(
                    deleted.service().lastCallNanos.get() - removedAt);
            serving.forEach(pod -> awaitCalls(pod, pod.service().calls.sum() + 50));
            loading = false;

            long twice = executions.values().stream()
                    .filter(count -> count.sum() > 1)
                    .count();
            System.out.println("registry-figure kubernetes rolling-update: 3 pods replaced one at a time under "
                    + READERS + " readers + " + WRITERS + " writers; calls " + calls.get() + ", failed "
                    + failures.size() + ", writes run twice " + twice + ", calls to not-ready endpoints "
                    + notReadyCalls + ", ms from terminating to the last call received " + drainMillis
                    + ", graceful stop ms " + stopMillis + ", ms from endpoint removed to the last call received "
                    + deletedMillis);
            assertThat(failures).as("failed calls").isEmpty();
            assertThat(twice).as("writes run twice").isZero();
            assertThat(notReadyCalls).as("calls to a not-ready endpoint").isZero();
            // the feed's quiet period (50 ms) and burst cap (1 s) bound the watch latency; room left for a busy machine
            assertThat(drainMillis).allSatisfy(millis -> assertThat(millis).isLessThan(3_000));
            assertThat(deletedMillis).isLessThan(3_000);
        }
    }

    private Pod startPod(String name) {
        RecordingOrders service = new RecordingOrders(name, executions);
        Courier courier = Courier.builder()
                .application(name)
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .property(ApplicationKeys.SHUTDOWN_UNREGISTER_WAIT_MILLIS.name(), "1000")
                .export(service)
                .start();
        Pod pod = new Pod(name, courier, service);
        pods.add(pod);
        return pod;
    }

    private void startLoad(Orders orders, AtomicLong calls, ConcurrentLinkedQueue<Throwable> failures) {
        AtomicLong ids = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        for (int i = 0; i < READERS + WRITERS; i++) {
            boolean writer = i >= READERS;
            Thread thread = new Thread(
                    () -> {
                        while (loading && System.nanoTime() - deadline < 0) {
                            long id = ids.incrementAndGet();
                            try {
                                // writes last longer, so that some are in flight when their endpoint turns terminating
                                String ignored = writer ? orders.write(id, 20) : orders.read(id, 2);
                            } catch (RuntimeException e) {
                                failures.add(e);
                            }
                            calls.incrementAndGet();
                        }
                    },
                    "load-" + i);
            thread.setDaemon(true);
            load.add(thread);
            thread.start();
        }
    }

    private static void awaitCalls(Pod pod, long calls) {
        await(pod.name() + " serves " + calls + " calls")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> pod.service().calls.sum() >= calls);
    }

    /** Waits until {@code pod} got no call for {@value #QUIET_MILLIS} ms. */
    private static void awaitQuiet(Pod pod) {
        await(pod.name() + " gets no more calls")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> System.nanoTime() - pod.service().lastCallNanos.get()
                        > TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS));
    }

    private static NonNamespaceOperation<EndpointSlice, EndpointSliceList, Resource<EndpointSlice>> slices(
            KubernetesClient api) {
        return api.discovery().v1().endpointSlices().inNamespace(NAMESPACE);
    }

    /** The pod's endpoint as the EndpointSlice controller writes it for a Service labelled for {@code ORDERS}. */
    private static EndpointSlice slice(Pod pod, boolean ready, boolean terminating) {
        return new EndpointSliceBuilder()
                .withNewMetadata()
                .withName(pod.name())
                .addToLabels(new SliceLayout(RegistryOptions.DEFAULT_ROOT).selector(ORDERS))
                .addToLabels(SliceLayout.SERVICE_NAME_LABEL, "orders")
                .addToLabels(SliceLayout.MANAGED_BY_LABEL, "endpointslice-controller.k8s.io")
                .endMetadata()
                .withAddressType("IPv4")
                .addNewEndpoint()
                .withAddresses("127.0.0.1")
                .withNewConditions()
                .withReady(ready)
                .withServing(ready || terminating) // a terminating pod still serves its in-flight calls
                .withTerminating(terminating)
                .endConditions()
                .withNewTargetRef()
                .withKind("Pod")
                .withName(pod.name())
                .endTargetRef()
                .endEndpoint()
                .addNewPort()
                .withName(SliceLayout.PORT_NAME)
                .withPort(pod.courier().port())
                .endPort()
                .build();
    }

    /** One pod: its Courier application and what it was called for. */
    private record Pod(String name, Courier courier, RecordingOrders service) {}

    /** Counts each call, notes when the last one arrived and how often each write ran. */
    public static final class RecordingOrders implements Orders {
        private final String name;
        private final Map<Long, LongAdder> executions;
        final LongAdder calls = new LongAdder();
        final AtomicLong lastCallNanos = new AtomicLong(System.nanoTime());

        RecordingOrders(String name, Map<Long, LongAdder> executions) {
            this.name = name;
            this.executions = executions;
        }

        @Override
        public String read(long id, int millis) {
            return work(millis);
        }

        @Override
        public String write(long id, int millis) {
            executions.computeIfAbsent(id, key -> new LongAdder()).increment();
            return work(millis);
        }

        private String work(int millis) {
            calls.increment();
            lastCallNanos.set(System.nanoTime());
            try {
                Thread.sleep(millis); // the call's work, so that calls are in flight when their endpoint goes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return name;
        }
    }
}

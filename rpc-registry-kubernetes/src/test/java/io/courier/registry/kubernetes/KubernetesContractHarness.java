package io.courier.registry.kubernetes;

import io.courier.api.ServiceInstance;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryHarness;
import io.courier.api.registry.RegistryOptions;
import io.courier.registry.kubernetes.internal.SliceLayout;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The registry contracts' hook for Kubernetes: clients of one API server with 2 s leases, a crash
 * that stops renewing without deleting ({@link KubernetesRegistry#abandon()}), and raw slices (no
 * lease) written straight into the API server's store. A raw withdrawal is one {@code
 * deletecollection} per step, as a Service scaled down or a namespace cleaned removes many at once:
 * the step's slices are first labelled (which changes no provider list), then deleted together.
 */
final class KubernetesContractHarness implements RegistryHarness {

    static final String NAMESPACE = "courier-test";
    private static final String WITHDRAW_LABEL = "courier.io/test-withdraw";
    private static final AtomicInteger STEPS = new AtomicInteger();

    private final KubernetesApiServer server;

    KubernetesContractHarness(KubernetesApiServer server) {
        this.server = server;
    }

    /** Stops renewing and closes without deleting: the slices stay until their lease runs out at the consumers. */
    @Override
    public void crash(Registry registry) {
        ((KubernetesRegistry) registry).abandon();
    }

    @Override
    public Registry crashable(RegistryOptions options) {
        return open(options);
    }

    /** Namespace {@value #NAMESPACE}; 2 s leases and connection timeout. */
    @Override
    public RegistryOptions.Builder options(String root) {
        RegistryOptions.Builder builder = RegistryOptions.builder(server.address(NAMESPACE));
        return builder.root(root).connectionTimeoutMillis(2_000).sessionTimeoutMillis(2_000);
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public RawRegistrations raw(String root) {
        KubernetesClient client = KubernetesClients.build(
                KubernetesAddress.parse(server.address(NAMESPACE)),
                options(root).build());
        return new RawSlices(server, client, new SliceLayout(root));
    }

    /**
     * Slices under no lease, as a dead rack's would linger: written straight into the API server's store
     * ({@link KubernetesApiServer#seed}), deleted through the API.
     */
    private record RawSlices(KubernetesApiServer server, KubernetesClient client, SliceLayout layout)
            implements RawRegistrations {

        private static final ExecutorService WRITERS = Executors.newFixedThreadPool(8, task -> {
            Thread thread = new Thread(task, "raw-slices");
            thread.setDaemon(true);
            return thread;
        });

        @Override
        public void put(List<ServiceInstance> instances) {
            server.seed(
                    NAMESPACE,
                    "/apis/discovery.k8s.io/v1/namespaces/" + NAMESPACE + "/endpointslices",
                    instances.stream()
                            .map(instance -> layout.slice(instance, 0, 0))
                            .toList());
        }

        @Override
        public List<Long> delete(List<ServiceInstance> instances) {
            List<Long> millis = new ArrayList<>();
            for (int first = 0; first < instances.size(); first += STEP) {
                String step = Integer.toString(STEPS.incrementAndGet());
                String patch = "{\"metadata\":{\"labels\":{\"" + WITHDRAW_LABEL + "\":\"" + step + "\"}}}";
                inParallel(
                        instances.subList(first, Math.min(instances.size(), first + STEP)),
                        instance -> slices().withName(layout.sliceName(instance.serviceKey(), instance.endpoint()))
                                .patch(PatchContext.of(PatchType.JSON_MERGE), patch));
                long start = System.nanoTime();
                slices().withLabel(WITHDRAW_LABEL, step).delete();
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
            return millis;
        }

        private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
                        EndpointSlice,
                        io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceList,
                        io.fabric8.kubernetes.client.dsl.Resource<EndpointSlice>>
                slices() {
            return client.discovery().v1().endpointSlices().inNamespace(NAMESPACE);
        }

        private static void inParallel(List<ServiceInstance> instances, Consumer<ServiceInstance> write) {
            List<Future<?>> writes = new ArrayList<>();
            for (ServiceInstance instance : instances) {
                writes.add(WRITERS.submit(() -> write.accept(instance)));
            }
            for (Future<?> written : writes) {
                try {
                    written.get();
                } catch (Exception e) {
                    throw new IllegalStateException("Raw write to the API server failed", e);
                }
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }
}

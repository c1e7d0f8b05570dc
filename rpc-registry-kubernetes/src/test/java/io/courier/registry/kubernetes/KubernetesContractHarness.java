package io.courier.registry.kubernetes;

import io.courier.api.ServiceInstance;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryHarness;
import io.courier.api.registry.RegistryOptions;
import io.courier.registry.kubernetes.internal.SliceFeed;
import io.courier.registry.kubernetes.internal.SliceLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The registry contracts' hook for Kubernetes: clients of one API server with 2 s leases, a crash
 * that stops renewing without deleting ({@link KubernetesRegistry#abandon()}), and raw slices (no
 * lease) written straight into the API server's store, and withdrawn from it a step at a time, as a
 * Service scaled down or a namespace cleaned removes many at once.
 */
final class KubernetesContractHarness implements RegistryHarness {

    static final String NAMESPACE = "courier-test";

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
        return new RawSlices(server, new SliceLayout(root));
    }

    /**
     * One list per transaction, and one more for each second the deletions' events kept coming: the API
     * server tells a watch of each deleted slice in an event of its own (a {@code deletecollection} too),
     * and a consumer's list goes out at the latest {@link SliceFeed#MAX_DELAY_MILLIS} into a burst. Alone
     * on two cores the mock server's 4,900 events arrive within 2 s; beside another module's busy test
     * JVMs they took 5 to 14 s.
     */
    @Override
    public int withdrawalLists(int transactions, long millis) {
        return transactions + (int) (millis / SliceFeed.MAX_DELAY_MILLIS);
    }

    /**
     * Slices under no lease, as a dead rack's would linger: written straight into the API server's store
     * ({@link KubernetesApiServer#seed}), and withdrawn from it a step at a time ({@link
     * KubernetesApiServer#delete}), every watch told as a create and a {@code deletecollection} tell it.
     */
    private record RawSlices(KubernetesApiServer server, SliceLayout layout) implements RawRegistrations {

        private static final String SLICES = "/apis/discovery.k8s.io/v1/namespaces/" + NAMESPACE + "/endpointslices";

        @Override
        public void put(List<ServiceInstance> instances) {
            for (int first = 0; first < instances.size(); first += STEP) {
                server.seed(
                        NAMESPACE,
                        SLICES,
                        instances.subList(first, Math.min(instances.size(), first + STEP)).stream()
                                .map(instance -> layout.slice(instance, 0, 0))
                                .toList());
            }
        }

        @Override
        public List<Long> delete(List<ServiceInstance> instances) {
            List<Long> millis = new ArrayList<>();
            for (int first = 0; first < instances.size(); first += STEP) {
                Set<String> names = new HashSet<>();
                for (ServiceInstance instance : instances.subList(first, Math.min(instances.size(), first + STEP))) {
                    names.add(layout.sliceName(instance.serviceKey(), instance.endpoint()));
                }
                long start = System.nanoTime();
                server.delete(SLICES, names);
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
            return millis;
        }

        @Override
        public void close() {
            // nothing held: the slices stay in the server's store, as raw registrations do
        }
    }
}

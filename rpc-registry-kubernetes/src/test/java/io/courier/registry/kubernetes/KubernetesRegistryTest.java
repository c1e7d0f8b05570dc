package io.courier.registry.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.coordination.Coordination;
import io.courier.api.coordination.LeaderElection;
import io.courier.api.coordination.Lease;
import io.courier.api.coordination.RecordingListener;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryFactory;
import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.DocumentKey;
import io.courier.api.store.DocumentVersion;
import io.courier.api.store.RegistryStore;
import io.courier.registry.kubernetes.internal.SliceLayout;
import io.courier.spi.ExtensionLoader;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the Kubernetes registry adds to the contract: a Service's own EndpointSlices (ready endpoints
 * only, the port named {@code courier}, terminating ones drained; a rolling update and a deleted pod
 * followed), the Role of the deploy files against the verbs the registry used, and the capabilities it
 * does not offer, refused in words.
 */
@Timeout(60)
class KubernetesRegistryTest {

    private static final ServiceKey USERS = ServiceKey.parse("io.example.Users");
    private static final Map<String, String> API_GROUPS =
            Map.of("endpointslices", "discovery.k8s.io", "configmaps", "", "leases", "coordination.k8s.io");
    private static final KubernetesApiServer server = new KubernetesApiServer();

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RegistryOptions options(String namespace) {
        return RegistryOptions.builder(server.address(namespace))
                .sessionTimeoutMillis(2_000)
                .connectionTimeoutMillis(2_000)
                .build();
    }

    private static Registry open(RegistryOptions options) {
        return ExtensionLoader.of(RegistryFactory.class).get("kubernetes").create(options);
    }

    /** A slice as Kubernetes' EndpointSlice controller makes it for a Service labelled for {@code USERS}. */
    private static EndpointSlice serviceSlice(Endpoint... endpoints) {
        return serviceSlice("users-abcde", List.of(endpoints));
    }

    private static EndpointSlice serviceSlice(String name, List<Endpoint> endpoints) {
        return new EndpointSliceBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels(new SliceLayout(RegistryOptions.DEFAULT_ROOT).selector(USERS))
                .addToLabels(SliceLayout.SERVICE_NAME_LABEL, "users")
                .addToLabels(SliceLayout.MANAGED_BY_LABEL, "endpointslice-controller.k8s.io")
                .endMetadata()
                .withAddressType("IPv4")
                .withEndpoints(endpoints)
                .addNewPort()
                .withName("admin")
                .withPort(9090)
                .endPort()
                .addNewPort()
                .withName("courier")
                .withPort(20880)
                .endPort()
                .build();
    }

    private static Endpoint pod(String ip, boolean ready, boolean terminating) {
        return new EndpointBuilder()
                .withAddresses(ip)
                .withNewConditions()
                .withReady(ready)
                .withServing(ready)
                .withTerminating(terminating)
                .endConditions()
                .build();
    }

    @Test
    void serviceSlices_readyEndpointsOnly_atTheCourierPort_rolloutAndDeletedPodFollowed() {
        try (Registry consumer = open(options("service-slices"));
                KubernetesClient api = KubernetesClients.build(
                        KubernetesAddress.parse(server.address("service-slices")), options("service-slices"))) {
            var slices = api.discovery().v1().endpointSlices().inNamespace("service-slices");
            slices.resource(serviceSlice(
                            pod("10.0.0.1", true, false), pod("10.0.0.2", false, false), pod("10.0.0.3", false, true)))
                    .create();
            AtomicReference<List<ServiceInstance>> latest = new AtomicReference<>();
            AtomicLong deliveredAt = new AtomicLong();
            consumer.subscribe(
                    USERS,
                    list -> {
                        latest.set(list);
                        deliveredAt.set(System.nanoTime());
                    },
                    endpoint -> false);
            await().atMost(Duration.ofSeconds(10)).until(() -> endpoints(latest).equals(List.of("10.0.0.1:20880")));
            assertThat(latest.get().get(0).application()).isEqualTo("users");

            // a rolling update: the old pod terminating (drained at once), its successor ready
            slices.resource(serviceSlice(pod("10.0.0.1", false, true), pod("10.0.0.4", true, false)))
                    .update();
            await().atMost(Duration.ofSeconds(5)).until(() -> endpoints(latest).equals(List.of("10.0.0.4:20880")));

            // a pod deleted: its endpoint leaves the slice
            slices.resource(serviceSlice(pod("10.0.0.4", true, false), pod("10.0.0.5", true, false)))
                    .update();
            await().atMost(Duration.ofSeconds(5)).until(() -> endpoints(latest).size() == 2);
            long removed = System.nanoTime();
            slices.resource(serviceSlice(pod("10.0.0.5", true, false))).update();
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> endpoints(latest).equals(List.of("10.0.0.5:20880")));
            System.out.println("registry-figure kubernetes deleted-pod-gone-ms "
                    + TimeUnit.NANOSECONDS.toMillis(deliveredAt.get() - removed));
        }
    }

    /**
     * A Service of 1,000 pods as the EndpointSlice controller presents it: ten slices of 100 endpoints (its
     * default), two of each slice's pods not serving (one not ready, one terminating). Each ready pod is a
     * provider, and a slice that loses pods in a scale-down loses them at the consumer.
     */
    @Test
    void aThousandPodsInControllerSlicesOfAHundred_eachReadyPodAProvider() {
        try (Registry consumer = open(options("many-pods"));
                KubernetesClient api = KubernetesClients.build(
                        KubernetesAddress.parse(server.address("many-pods")), options("many-pods"))) {
            var slices = api.discovery().v1().endpointSlices().inNamespace("many-pods");
            for (int slice = 0; slice < 10; slice++) {
                slices.resource(serviceSlice("users-" + slice, pods(slice, 98))).create();
            }
            AtomicReference<List<ServiceInstance>> latest = new AtomicReference<>();
            consumer.subscribe(USERS, latest::set, endpoint -> false);
            await().atMost(Duration.ofSeconds(10)).until(() -> endpoints(latest).size() == 980);
            assertThat(endpoints(latest))
                    .doesNotHaveDuplicates()
                    .allMatch(endpoint -> endpoint.matches("10\\.1\\.\\d\\.\\d{1,2}:20880"));

            slices.resource(serviceSlice("users-3", pods(3, 48))).update();
            await().atMost(Duration.ofSeconds(5)).until(() -> endpoints(latest).size() == 930);
            assertThat(endpoints(latest)).contains("10.1.3.48:20880").doesNotContain("10.1.3.49:20880");
        }
    }

    /** Pods 10.1.{slice}.1 to .{ready}, ready, then one not ready (.199) and one terminating (.200). */
    private static List<Endpoint> pods(int slice, int ready) {
        List<Endpoint> pods = new ArrayList<>();
        for (int pod = 1; pod <= ready; pod++) {
            pods.add(pod("10.1." + slice + "." + pod, true, false));
        }
        pods.add(pod("10.1." + slice + ".199", false, false));
        pods.add(pod("10.1." + slice + ".200", false, true));
        return pods;
    }

    @Test
    void aServiceSubscribedAgain_reusesItsInformer_noSecondListOrWatch() throws Exception {
        try (Registry consumer = open(options("again"))) {
            for (int round = 0; round < 2; round++) {
                AtomicReference<List<ServiceInstance>> latest = new AtomicReference<>();
                AutoCloseable subscription = consumer.subscribe(USERS, latest::set, endpoint -> false);
                await().atMost(Duration.ofSeconds(10)).until(() -> latest.get() != null);
                subscription.close();
            }
            String selector = "courier.io%2Fservice%3D" + SliceLayout.serviceLabel(USERS);
            assertThat(server.requests("GET /apis/discovery.k8s.io/v1/namespaces/again/endpointslices?", selector))
                    .as("one list and one watch for two subscriptions, one after the other")
                    .isEqualTo(2);
        }
    }

    @Test
    void theOverlaysRole_grantsExactlyTheVerbsTheRegistryUsed() throws Exception {
        KubernetesApiServer own = new KubernetesApiServer();
        try (own) {
            RegistryOptions options = RegistryOptions.builder(own.address("rbac"))
                    .sessionTimeoutMillis(1_000)
                    .connectionTimeoutMillis(2_000)
                    .build();
            ServiceInstance instance = ServiceInstance.builder(USERS, io.courier.api.Endpoint.of("10.0.0.9", 20880))
                    .build();
            try (Registry provider = open(options);
                    Registry consumer = open(options)) {
                AtomicReference<List<ServiceInstance>> latest = new AtomicReference<>();
                consumer.subscribe(USERS, latest::set, endpoint -> false);
                provider.register(instance);
                provider.registration(instance).get(10, TimeUnit.SECONDS);
                ServiceInstance changed = instance.toBuilder().weight(50).build();
                provider.register(changed); // the same slice, written again
                provider.registration(changed).get(10, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> latest.get() != null && latest.get().equals(List.of(changed)));
                consumer.watchConfig(USERS, config -> {});
                useTheStore(options, instance.serviceKey());
                useCoordination(provider);
                await().pollDelay(Duration.ofMillis(800)).until(() -> true); // renewed at least once
                provider.unregister(changed);
                await().atMost(Duration.ofSeconds(5)).until(() -> latest.get().isEmpty());
            }
            assertThat(roleVerbs()).isEqualTo(own.verbs());
        }
    }

    /** What an application's locks and leader election do: take, renew and release Leases. */
    private static void useCoordination(Registry registry) throws Exception {
        Coordination coordination = registry.coordination().orElseThrow();
        RecordingListener listener = new RecordingListener();
        try (LeaderElection election = coordination.joinElection("rbac", listener);
                Lease lease = coordination.lock("rbac").acquire(Duration.ofSeconds(5))) {
            await().atMost(Duration.ofSeconds(5)).until(listener::leads);
        }
        try (Lease again = coordination.lock("rbac").acquire(Duration.ofSeconds(5))) { // a released Lease, taken
            assertThat(again.fencingToken()).isEqualTo(2);
        }
    }

    /** What the console and courier-admin do: write a document twice, read it, read the catalog. */
    private static void useTheStore(RegistryOptions options, ServiceKey service) {
        try (RegistryStore store = RegistryStore.open(options)) {
            DocumentKey key = DocumentKey.service(options.environment(), service);
            store.documents().write(key, new DocumentVersion(1, "alice", Instant.EPOCH, "", "version: 1\n"), 5);
            store.documents().write(key, new DocumentVersion(2, "alice", Instant.EPOCH, "", "version: 1\n"), 5);
            assertThat(store.documents().current(key)).isPresent();
            assertThat(store.documents().environments()).contains(options.environment());
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> store.catalog().consumers(service).size() == 1);
            assertThat(store.catalog().services()).contains(service);
        }
    }

    /** {@code <resource>:<verb>} for each verb the overlay's Role grants, each resource in its API group. */
    private static Set<String> roleVerbs() throws IOException {
        Path file = Path.of("../deploy/kubernetes/overlays/kubernetes/registry.yaml");
        Set<String> verbs = new TreeSet<>();
        KubernetesSerialization serialization = new KubernetesSerialization();
        for (String document : Files.readString(file).split("\n---\n")) {
            HasMetadata resource = serialization.unmarshal(document);
            if (resource instanceof Role role) {
                for (PolicyRule rule : role.getRules()) {
                    for (String resourceName : rule.getResources()) {
                        assertThat(rule.getApiGroups()).containsExactly(API_GROUPS.get(resourceName));
                        rule.getVerbs().forEach(verb -> verbs.add(resourceName + ":" + verb));
                    }
                }
            }
        }
        return verbs;
    }

    @Test
    void whatIsNotOffered_isRefusedInWords() {
        RegistryOptions options = options("refusals");
        try (Registry registry = open(options)) {
            Coordination coordination = registry.coordination().orElseThrow(); // locks and elections
            assertThatThrownBy(() -> coordination.semaphore("exports", 2))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("semaphores are not offered by the kubernetes registry")
                    .hasMessageContaining("etcd or ZooKeeper");
            assertThat(registry.metadata(USERS)).isEmpty();
        }
    }

    @Test
    void badAddressesAndRoots_areRefusedWithTheExpectation() {
        assertThatThrownBy(() -> open(
                        RegistryOptions.builder("kubernetes://127.0.0.1:port").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: kubernetes://[host:port][/namespace]");
        assertThatThrownBy(() -> open(
                        RegistryOptions.builder("kubernetes:///Not_A_Namespace").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DNS label");
        assertThatThrownBy(() -> open(RegistryOptions.builder(server.address("roots"))
                        .root("/" + "x".repeat(70))
                        .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label value");
        assertThatThrownBy(() -> open(RegistryOptions.builder(server.address("auth"))
                        .digestAuth("user:secret")
                        .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
    }

    private static List<String> endpoints(AtomicReference<List<ServiceInstance>> latest) {
        List<ServiceInstance> list = latest.get();
        return list == null
                ? List.of()
                : list.stream().map(i -> i.endpoint().toString()).toList();
    }
}

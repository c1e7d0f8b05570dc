package io.courier.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.config.ConfigKeyRegistry;
import io.courier.bootstrap.Courier;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo's Kubernetes manifests (the base and its overlays), parsed with SnakeYAML and checked against
 * Courier itself: every variable they set is a configuration key's with a valid value, the probes
 * ask the admin endpoint's paths on its port (and a real admin endpoint answers those paths), each
 * grace period exceeds the drain, providers register their pod IP. A manifest with planted mistakes
 * shows that each rule refuses what it should.
 */
class KubernetesManifestsTest {

    /** Every catalog on this class path: the demo's, the gateway's, the console's, both registries'. */
    private static final ConfigKeyRegistry KEYS = ConfigKeyRegistry.loaded();

    @ParameterizedTest
    @CsvSource({"zookeeper, zookeeper courier-gateway courier-console", "etcd, etcd courier-gateway courier-console"})
    void eachVariant_setsOnlyCourierKeys_probesTheAdminEndpoint_andOutlastsTheDrain(String variant, String services)
            throws IOException {
        Manifests manifests = Manifests.variant(variant);

        assertThat(ManifestRules.problems(manifests, KEYS)).isEmpty();

        // the rules had something to check: five applications, and the Services
        long applications = manifests.workloads().stream()
                .flatMap(workload -> workload.containers().stream())
                .filter(c -> ManifestRules.APPLICATION_IMAGES.contains(
                        ManifestRules.imageName(Manifests.Tree.text(c, "image"))))
                .count();
        assertThat(applications).isEqualTo(5);
        assertThat(manifests.ofKind("Service"))
                .extracting(Manifests.Resource::name)
                .containsExactlyInAnyOrder(services.split(" "));
        assertThat(manifests.configMap("courier-shop").orElseThrow())
                .containsEntry("COURIER_ADMIN_PORT", "9090")
                .containsEntry("COURIER_SHUTDOWN_TIMEOUT_MILLIS", "10000");
        assertThat(manifests.configMap("courier-registry").orElseThrow())
                .containsOnlyKeys("COURIER_REGISTRY_ADDRESS")
                .extractingByKey("COURIER_REGISTRY_ADDRESS")
                .asString()
                .startsWith(variant + "://");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/zookeeper", "overlays/etcd", "overlays/kubernetes"})
    void eachKustomization_appliesEveryManifestOfItsFolder(String path) throws IOException {
        Path folder = Path.of(path);
        Map<String, Object> kustomization;
        try (Reader reader = Files.newBufferedReader(folder.resolve("kustomization.yaml"))) {
            kustomization = Manifests.readMap(reader);
        }
        List<String> expected = new ArrayList<>(Manifests.yamlFiles(folder).stream()
                .map(file -> file.getFileName().toString())
                .filter(name -> !name.equals("kustomization.yaml"))
                .toList());
        if (!folder.equals(Manifests.BASE)) {
            expected.add("../../base"); // the shop itself
        }
        assertThat(kustomization.get("resources"))
                .asInstanceOf(InstanceOfAssertFactories.list(String.class))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The paths the rules hold the probes to are the ones a real admin endpoint serves. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theProbePaths_areTheAdminEndpoints() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (Courier courier = Courier.builder()
                .application("probe-paths")
                .shutdownHook(false)
                .property("courier.admin.port", "0")
                .start()) {
            String base = "http://127.0.0.1:" + courier.adminPort().orElseThrow();
            assertThat(status(http, base + ManifestRules.READY)).isEqualTo(200);
            assertThat(status(http, base + ManifestRules.LIVE)).isEqualTo(200);
            assertThat(status(http, base + "/healthz")).isEqualTo(404);
        }
    }

    @Test
    void aManifestWithMistakes_isRefused_namingEachMistake() throws IOException {
        String planted = Files.readString(Path.of("src", "test", "resources", "planted-mistakes.yaml"));
        Manifests manifests = Manifests.of(Manifests.parse("planted-mistakes.yaml", planted));

        List<String> problems = ManifestRules.problems(manifests, KEYS);

        String where = "planted-mistakes.yaml Deployment broken container broken";
        String console = "planted-mistakes.yaml Deployment console container console: the console's registry"
                + " consul://consul:8500 (expected: a scheme with a registry store: [";
        assertThat(problems).filteredOn(problem -> problem.startsWith(console)).hasSize(1);
        assertThat(problems)
                .filteredOn(problem -> !problem.startsWith(console))
                .containsExactlyInAnyOrder(
                        where + ": COURIER_ADMIN_PROT is not a Courier configuration variable; did you mean"
                                + " COURIER_ADMIN_PORT?",
                        where + ": courier.shutdown.timeout-millis: 'soon' (expected: an integer 1 to 3600000)"
                                + " [the manifests' COURIER_SHUTDOWN_TIMEOUT_MILLIS]",
                        where + ": readinessProbe asks /ready (expected: /health/ready)",
                        where + ": livenessProbe asks port 8080 (8080; expected: 9090)",
                        where + ": COURIER_ADMIN_HOST is unset (expected: 0.0.0.0; the kubelet probes the pod's IP)",
                        where + ": terminationGracePeriodSeconds 10 (expected: at least 20: the preStop sleep 5 s +"
                                + " courier.shutdown.timeout-millis 10000 + 5 s)",
                        where + ": a provider without COURIER_SERVER_ADVERTISED_HOST from status.podIP (expected:"
                                + " consumers dial the pod's IP)",
                        where + ": no resources.requests.cpu",
                        where + ": pod securityContext {runAsUser=0} (expected: runAsNonRoot true, runAsUser 65532,"
                                + " the images' user)",
                        "planted-mistakes.yaml Service broken: targetPort grpc is no container port of Deployment"
                                + " broken");
    }

    private static int status(HttpClient http, String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

package io.courier.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every overlay rendered by a real kustomize, the one built into {@code kubectl} ({@code kubectl
 * kustomize <overlay>}, what {@code kubectl apply -k} runs): it must succeed and yield the shop and
 * its registry. Proven with Debian's {@code kubernetes-client}, kubectl 1.32 with kustomize v5.5.0,
 * which refuses a base that contains its overlays ("cycle detected"); the layout here, {@code base/}
 * beside {@code overlays/<registry>} each naming {@code ../../base}, is the one kustomize documents
 * for all its versions. Skipped without kubectl, failed under {@code CI=true}, where {@code .ci/run}
 * installs it.
 */
class KustomizeBuildTest {

    private static final String KUBECTL = "/usr/bin/kubectl";

    @ParameterizedTest
    @CsvSource({"overlays/zookeeper, zookeeper://, zookeeper", "overlays/etcd, etcd://, etcd"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void eachOverlay_rendersWithKustomize_intoTheShopAndItsRegistry(String overlay, String address, String registry)
            throws Exception {
        Result result = run(kubectl(), "kustomize", overlay);

        assertThat(result.exitCode())
                .as("kubectl kustomize %s: %s", overlay, result.errors())
                .isZero();
        Manifests rendered = Manifests.of(Manifests.parse(overlay, result.output()));
        assertThat(rendered.resources())
                .extracting(Manifests.Resource::kind)
                .containsOnly("ConfigMap", "Secret", "Service", "Deployment", "StatefulSet", "PodDisruptionBudget");
        assertThat(rendered.ofKind("Service"))
                .extracting(Manifests.Resource::name)
                .containsExactlyInAnyOrder(registry, "courier-gateway", "courier-console");
        assertThat(rendered.ofKind("StatefulSet"))
                .extracting(Manifests.Resource::name)
                .containsExactly(registry);
        assertThat(rendered.workloads()).hasSize(7);
        assertThat(rendered.configMap("courier-registry").orElseThrow())
                .extractingByKey("COURIER_REGISTRY_ADDRESS")
                .asString()
                .startsWith(address);
        // the same objects the checks of KubernetesManifestsTest read from the files
        assertThat(rendered.resources())
                .hasSameSizeAs(Manifests.variant(registry).resources());
    }

    /**
     * The Prometheus operator component added to an overlay, as docs/observability.md tells users to:
     * the shop, plus Courier's PrometheusRule and a PodMonitor whose port every shop pod names.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void prometheusOperatorComponent_addsTheRulesAndAPodMonitorOfTheAdminPorts() throws Exception {
        Path overlay = Path.of("target", "prometheus-operator-overlay");
        Files.createDirectories(overlay);
        Files.writeString(
                overlay.resolve("kustomization.yaml"),
                """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - ../../overlays/zookeeper
                components:
                  - ../../components/prometheus-operator
                """);
        Result result = run(kubectl(), "kustomize", overlay.toString());

        assertThat(result.exitCode())
                .as("kubectl kustomize: %s", result.errors())
                .isZero();
        Manifests rendered = Manifests.of(Manifests.parse(overlay.toString(), result.output()));
        assertThat(rendered.ofKind("PrometheusRule"))
                .extracting(Manifests.Resource::name)
                .containsExactly("courier");
        assertThat(rendered.ofKind("PodMonitor"))
                .extracting(Manifests.Resource::name)
                .containsExactly("courier");
        assertThat(result.output())
                .contains("alert: CourierNoReadyProvider")
                .contains("port: admin")
                .contains("app.kubernetes.io/part-of: courier-shop");
        assertThat(rendered.workloads()).hasSize(7);
    }

    /**
     * The overlay with no registry server: the API server is the registry, so it brings the applications'
     * ServiceAccount, the Role of the registry's verbs bound to it, and a Service with the port named
     * courier; no StatefulSet, and no console (it needs a registry store).
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void kubernetesOverlay_rendersTheShopWithRbacAndNoRegistryServer() throws Exception {
        Result result = run(kubectl(), "kustomize", "overlays/kubernetes");

        assertThat(result.exitCode())
                .as("kubectl kustomize: %s", result.errors())
                .isZero();
        Manifests rendered = Manifests.of(Manifests.parse("overlays/kubernetes", result.output()));
        assertThat(rendered.resources())
                .extracting(Manifests.Resource::kind)
                .containsOnly(
                        "ConfigMap",
                        "Secret",
                        "Service",
                        "Deployment",
                        "PodDisruptionBudget",
                        "ServiceAccount",
                        "Role",
                        "RoleBinding");
        assertThat(rendered.ofKind("Service"))
                .extracting(Manifests.Resource::name)
                .containsExactlyInAnyOrder("courier-gateway", "user-service-courier");
        assertThat(rendered.ofKind("Deployment"))
                .extracting(Manifests.Resource::name)
                .doesNotContain("courier-console")
                .hasSize(5);
        assertThat(result.output()).containsPattern("(?m)^ +serviceAccountName: courier-registry$");
        assertThat(result.output().split("serviceAccountName: courier-registry", -1))
                .hasSize(6);
        assertThat(rendered.configMap("courier-registry").orElseThrow())
                .containsEntry("COURIER_REGISTRY_ADDRESS", "kubernetes://");
    }

    /** The kustomize version this test ran, printed so that a build log says what it proved. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void kubectl_bringsKustomizeV5() throws Exception {
        Result result = run(kubectl(), "version", "--client");

        assertThat(result.exitCode()).isZero();
        System.out.println(
                "KustomizeBuildTest: " + result.output().replace('\n', ' ').trim());
        assertThat(result.output()).containsPattern("Kustomize Version: v5\\.");
    }

    private static String kubectl() {
        if (Files.isExecutable(Path.of(KUBECTL))) {
            return KUBECTL;
        }
        String why =
                KUBECTL + " is missing: install Debian's kubernetes-client package (apt-get install kubernetes-client)";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(why + "; CI=true, so this test fails rather than skips");
        }
        Assumptions.abort(why);
        return null;
    }

    private record Result(int exitCode, String output, String errors) {}

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).start();
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String output = read(process.getInputStream());
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 30 s");
        }
        return new Result(process.exitValue(), output, errors.join());
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

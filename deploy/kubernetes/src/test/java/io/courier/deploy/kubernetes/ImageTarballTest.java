package io.courier.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.deploy.kubernetes.TarReader.Entry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The image tarballs {@code deploy/images} built with {@code jib:buildTar} (no Docker daemon), read
 * as a container runtime reads them: a user that is not root, an entrypoint whose {@code java} is an
 * executable of the image with its dynamic loader beside it, a main class that is on the image's
 * class path, the ports the manifests use exposed, and every file dated and owned alike (what makes
 * the same jars give the same image).
 */
class ImageTarballTest {

    private static final Map<String, String> MAIN_CLASSES = Map.of(
            "demo", "io.courier.demo.ShopServiceMain",
            "gateway", "io.courier.gateway.GatewayMain",
            "console", "io.courier.console.ConsoleMain");
    private static final Map<String, Set<Integer>> PORTS = Map.of(
            "demo", Set.of(20880, 9090),
            "gateway", Set.of(8080, 9090),
            "console", Set.of(8090));
    private static final String CLASS_PATH_FILE = "app/jib-classpath-file";

    @ParameterizedTest
    @ValueSource(strings = {"demo", "gateway", "console"})
    void image_runsItsMainClass_withTheImagesOwnJava_asANonRootUser(String module) throws IOException {
        ImageTarball image = read(module);

        assertThat(image.user()).isEqualTo(ManifestRules.IMAGE_USER + ":" + ManifestRules.IMAGE_USER);
        assertThat(image.user().split(":")[0]).isNotIn("0", "root");
        List<String> entrypoint = image.entrypoint();
        assertThat(entrypoint).startsWith("java").endsWith("-cp", "@/" + CLASS_PATH_FILE, MAIN_CLASSES.get(module));

        Entry java = image.resolve(entrypoint.get(0))
                .orElseThrow(() -> new AssertionError(
                        "java is not on the image's PATH " + image.environment().get("PATH")));
        assertThat(java.isFile()).as("java is a file").isTrue();
        assertThat(java.isExecutable()).as("java's mode %o", java.mode()).isTrue();
        String loader = ImageTarball.interpreter(java.content()).orElseThrow();
        assertThat(image.resolve(loader))
                .as("the dynamic loader %s", loader)
                .hasValueSatisfying(entry -> assertThat(entry.isExecutable()).isTrue());
        assertThat(image.files()).containsKeys("etc/passwd", "tmp", "lib/x86_64-linux-gnu/libc.so.6");
        assertThat(image.files().get("tmp").mode() & 0777)
                .as("/tmp is writable by the user")
                .isEqualTo(0777);

        String classPath = new String(image.files().get(CLASS_PATH_FILE).content(), StandardCharsets.UTF_8).strip();
        List<String> jars = new ArrayList<>();
        for (String element : classPath.split(":")) {
            if (element.endsWith(".jar")) { // Jib lists /app/classes and /app/resources even when empty
                assertThat(image.files()).as("class path element %s", element).containsKey(element.substring(1));
                jars.add(element.substring(1));
            }
        }
        String mainClass = MAIN_CLASSES.get(module).replace('.', '/') + ".class";
        assertThat(jars.stream().anyMatch(jar -> holds(image.files().get(jar), mainClass)))
                .as("a jar on the class path holds %s", mainClass)
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "gateway", "console"})
    void image_exposesThePortsTheManifestsUse(String module) throws IOException {
        ImageTarball image = read(module);
        assertThat(image.exposedPorts()).isEqualTo(PORTS.get(module));

        Set<Integer> used = new TreeSet<>();
        List<Manifests.Workload> workloads =
                new ArrayList<>(Manifests.variant("zookeeper").workloads());
        workloads.addAll(Manifests.variant("etcd").workloads());
        for (Manifests.Workload workload : workloads) {
            for (Map<String, Object> container : workload.containers()) {
                String name = ManifestRules.imageName(Manifests.Tree.text(container, "image"));
                if (name.equals("courier/courier-" + module)) {
                    Manifests.Tree.list(container, "ports")
                            .forEach(port -> used.add((Integer) port.get("containerPort")));
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(image.exposedPorts()).containsAll(used);
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "gateway", "console"})
    void image_isReproducible_everyFileOwnedByRootAndDatedAlike(String module) throws IOException {
        ImageTarball image = read(module);
        assertThat(image.config().get("created").asText()).isEqualTo("1970-01-01T00:00:00Z");
        Set<Long> times = new TreeSet<>();
        for (Entry entry : image.files().values()) {
            assertThat(entry.uid()).as("owner of %s", entry.path()).isZero();
            assertThat(entry.gid()).as("group of %s", entry.path()).isZero();
            times.add(entry.mtime());
        }
        // the base layer's files are dated 1970-01-01T00:00:00Z, Jib's one second later
        assertThat(times).isSubsetOf(0L, 1L);
    }

    /** Each tarball read once for all the tests (tens of megabytes each). */
    private static final Map<String, ImageTarball> READ = new ConcurrentHashMap<>();

    private static ImageTarball read(String module) throws IOException {
        Path tar = ImageTarball.of(module);
        assertThat(tar)
                .as(
                        "%s: built by mvn -pl deploy/images/%s -am package (in the whole build, before this module)",
                        tar, module)
                .exists();
        try {
            return READ.computeIfAbsent(module, name -> {
                try {
                    return ImageTarball.read(
                            tar,
                            path -> path.equals(CLASS_PATH_FILE)
                                    || path.startsWith("app/libs/")
                                    || path.endsWith("/bin/java"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean holds(Entry jar, String file) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar.content()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(file)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new AssertionError("reading " + jar.path(), e);
        }
    }
}

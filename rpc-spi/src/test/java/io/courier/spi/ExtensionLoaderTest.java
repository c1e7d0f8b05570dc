package io.courier.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.spi.TestPoints.AlphaGreeter;
import io.courier.spi.TestPoints.Greeter;
import io.courier.spi.TestPoints.Step;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ExtensionLoaderTest {

    private static final String SERVICES = "META-INF/services/io.courier.spi.TestPoints$";

    @Test
    void get_returnsTheExtensionRegisteredUnderTheName() {
        ExtensionLoader<Greeter> loader = ExtensionLoader.of(Greeter.class);

        assertThat(loader.get("alpha").greet()).isEqualTo("alpha");
        assertThat(loader.get("beta").greet()).isEqualTo("beta");
        assertThat(loader.get("alpha")).isSameAs(loader.get("alpha"));
    }

    @Test
    void names_listsEveryExtensionOnceIgnoringCommentsBlankLinesAndRepeats() {
        assertThat(ExtensionLoader.of(Greeter.class).names())
                .containsExactly("alpha", "beta", "counted", "failing", "no-default-constructor");
    }

    @Test
    void getDefault_returnsTheExtensionNamedByTheExtensionPoint() {
        ExtensionLoader<Greeter> loader = ExtensionLoader.of(Greeter.class);

        assertThat(loader.defaultName()).isEqualTo("alpha");
        assertThat(loader.getDefault()).isInstanceOf(AlphaGreeter.class);
    }

    @Test
    void getDefault_failsWhenTheExtensionPointDeclaresNone() {
        assertThatThrownBy(() -> ExtensionLoader.of(Step.class).getDefault())
                .isInstanceOf(ExtensionException.class)
                .hasMessage(
                        "io.courier.spi.TestPoints$Step declares no default extension (@ExtensionPoint(defaultName))");
    }

    @Test
    void of_returnsOneLoaderPerType() {
        assertThat(ExtensionLoader.of(Greeter.class)).isSameAs(ExtensionLoader.of(Greeter.class));
    }

    @Test
    void get_unknownName_listsTheKnownNames() {
        assertThatThrownBy(() -> ExtensionLoader.of(Greeter.class).get("gamma"))
                .isInstanceOf(ExtensionException.class)
                .hasMessage("Unknown io.courier.spi.TestPoints$Greeter extension 'gamma' (known: alpha, beta, counted,"
                        + " failing, no-default-constructor)");
    }

    @Test
    void has_tellsWhetherANameIsRegistered() {
        assertThat(ExtensionLoader.of(Greeter.class).has("beta")).isTrue();
        assertThat(ExtensionLoader.of(Greeter.class).has("gamma")).isFalse();
    }

    @Test
    void get_constructorThatThrows_namesTheClassTheFileAndTheCause() {
        assertThatThrownBy(() -> ExtensionLoader.of(Greeter.class).get("failing"))
                .isInstanceOf(ExtensionException.class)
                .hasMessageStartingWith("Cannot build io.courier.spi.TestPoints$Greeter extension 'failing'"
                        + " (io.courier.spi.TestPoints$FailingGreeter, listed in ")
                .hasMessageContaining(SERVICES + "Greeter")
                .hasMessageEndingWith("its constructor threw java.lang.IllegalStateException: boom")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void get_classWithoutNoArgumentConstructor_saysSo() {
        assertThatThrownBy(() -> ExtensionLoader.of(Greeter.class).get("no-default-constructor"))
                .isInstanceOf(ExtensionException.class)
                .hasMessageContaining("io.courier.spi.TestPoints$ArgumentGreeter")
                .hasMessageEndingWith("it has no public no-argument constructor");
    }

    @Test
    void twoClassesClaimingOneName_nameBothClassesAndFiles() {
        assertThatThrownBy(() -> ExtensionLoader.of(TestPoints.Duplicated.class).names())
                .isInstanceOf(ExtensionException.class)
                .hasMessageStartingWith("Two io.courier.spi.TestPoints$Duplicated extensions are named 'same': "
                        + "io.courier.spi.TestPoints$FirstDuplicate (listed in ")
                .hasMessageContaining(") and io.courier.spi.TestPoints$SecondDuplicate (listed in ")
                .hasMessageContaining(SERVICES + "Duplicated");
    }

    @Test
    void classNotImplementingTheExtensionPoint_isNamedWithItsFile() {
        assertThatThrownBy(() -> ExtensionLoader.of(TestPoints.Mislisted.class).get("stranger"))
                .isInstanceOf(ExtensionException.class)
                .hasMessageStartingWith("io.courier.spi.TestPoints$Stranger listed in ")
                .hasMessageContaining(SERVICES + "Mislisted")
                .hasMessageEndingWith("does not implement io.courier.spi.TestPoints$Mislisted");
    }

    @Test
    void classWithoutExtensionAnnotation_isRefused() {
        assertThatThrownBy(() -> ExtensionLoader.of(TestPoints.Unnamed.class).names())
                .isInstanceOf(ExtensionException.class)
                .hasMessageStartingWith("io.courier.spi.TestPoints$UnnamedImplementation listed in ")
                .hasMessageEndingWith("has no @Extension(\"name\") annotation");
    }

    @Test
    void missingClass_namesTheClassAndTheFile() {
        assertThatThrownBy(() -> ExtensionLoader.of(TestPoints.Missing.class).names())
                .isInstanceOf(ExtensionException.class)
                .hasMessageStartingWith("Cannot load io.courier.spi.TestPoints$DoesNotExist listed in ")
                .hasMessageContaining(SERVICES + "Missing")
                .hasCauseInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void aClassPathThatStillListsExtensionsUnderTheFormerName_failsNamingTheFileAndTheNewOne(@TempDir Path jar)
            throws IOException {
        Path file = jar.resolve("META-INF/services/io.courier.spi.OldRenamed");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "com.acme.RenamedImplementation\n");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThatThrownBy(() ->
                            ExtensionLoader.of(TestPoints.Renamed.class, loader).names())
                    .isInstanceOf(ExtensionException.class)
                    .hasMessageStartingWith("META-INF/services/io.courier.spi.OldRenamed is no longer read")
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining(SERVICES + "Renamed");
        }
    }

    @Test
    void aClassPathWithoutTheFormerFile_loadsAsUsual(@TempDir Path jar) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(ExtensionLoader.of(TestPoints.Renamed.class, loader).names())
                    .isEmpty();
        }
    }

    @Test
    void invalidName_isRefused() {
        assertThatThrownBy(() -> ExtensionLoader.of(TestPoints.BadlyNamed.class).names())
                .isInstanceOf(ExtensionException.class)
                .hasMessageContaining("has an invalid extension name 'Upper Case'");
    }

    @Test
    void of_typeThatIsNotAnExtensionPoint_isRefused() {
        assertThatThrownBy(() -> ExtensionLoader.of(TestPoints.NotAPoint.class))
                .isInstanceOf(ExtensionException.class)
                .hasMessage("io.courier.spi.TestPoints$NotAPoint is not an extension point (expected: an interface"
                        + " annotated @ExtensionPoint)");
        assertThatThrownBy(() -> ExtensionLoader.of(AlphaGreeter.class))
                .isInstanceOf(ExtensionException.class)
                .hasMessageContaining("is not an extension point");
    }

    @Test
    void activated_ordersBySideThenOrderThenName() {
        ExtensionLoader<Step> loader = ExtensionLoader.of(Step.class);

        assertThat(ids(loader.activated(Side.CONSUMER))).containsExactly("early", "middle-a", "late");
        assertThat(ids(loader.activated(Side.PROVIDER))).containsExactly("early", "middle-a", "middle-b");
        assertThat(loader.activated(Side.CONSUMER)).isSameAs(loader.activated(Side.CONSUMER));
        assertThat(loader.activated(Side.CONSUMER).get(0)).isSameAs(loader.get("early"));
    }

    @Test
    void nameOf_readsTheExtensionAnnotation() {
        assertThat(ExtensionLoader.of(Greeter.class).nameOf(AlphaGreeter.class)).isEqualTo("alpha");
    }

    @Test
    @Timeout(30)
    void concurrentFirstUse_buildsOneInstancePerName() throws Exception {
        // A private loader so that this test sees the very first use, whatever ran before it.
        ExtensionLoader<Greeter> loader =
                ExtensionLoader.of(Greeter.class, getClass().getClassLoader());
        int threads = 16;
        int before = TestPoints.CountedGreeter.BUILT.get();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Greeter>>> results = IntStream.range(0, threads)
                    .mapToObj(i -> pool.submit(() -> {
                        start.await();
                        return List.of(loader.get("counted"), loader.get("alpha"), loader.getDefault());
                    }))
                    .collect(Collectors.toList());
            start.countDown();
            Set<Object> instances = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (Future<List<Greeter>> result : results) {
                instances.addAll(result.get(20, TimeUnit.SECONDS));
            }
            assertThat(instances).hasSize(2);
            assertThat(TestPoints.CountedGreeter.BUILT.get() - before).isEqualTo(1);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void separateClassLoaderLoader_hasItsOwnInstances() {
        ExtensionLoader<Greeter> shared = ExtensionLoader.of(Greeter.class);
        ExtensionLoader<Greeter> own =
                ExtensionLoader.of(Greeter.class, getClass().getClassLoader());

        assertThat(own.get("beta")).isNotSameAs(shared.get("beta"));
    }

    private static List<String> ids(List<Step> steps) {
        return steps.stream().map(Step::id).collect(Collectors.toList());
    }
}

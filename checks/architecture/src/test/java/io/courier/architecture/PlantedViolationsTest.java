package io.courier.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.courier.api.planted.UsesBootstrap;
import io.courier.architecture.planted.UsesMarkedCapability;
import io.courier.architecture.planted.UsesTransportInternals;
import io.courier.architecture.planted.UsesUnmarkedInternals;
import io.courier.architecture.planted.cycle.a.First;
import io.courier.architecture.planted.cycle.b.Second;
import io.courier.architecture.planted.internal.a.Left;
import io.courier.architecture.planted.internal.b.Right;
import io.courier.architecture.planted.loop.Facade;
import io.courier.architecture.planted.loop.LoopingFacade;
import io.courier.architecture.planted.loop.Options;
import io.courier.architecture.planted.loop.internal.part.Back;
import io.courier.architecture.planted.loop.internal.part.Part;
import io.courier.architecture.planted.owner.internal.Capability;
import io.courier.architecture.planted.owner.internal.Hidden;
import io.courier.bootstrap.Courier;
import io.courier.transport.internal.channel.Backoff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rule of {@link ModuleRules} fails on a class planted to break it (test classes only, kept out of
 * {@link ArchitectureTest}'s import), and {@link PackageHomes} on a reactor planted in a temporary directory,
 * so none of them can pass by checking nothing.
 */
class PlantedViolationsTest {

    private static final ClassFileImporter IMPORTER = new ClassFileImporter();

    @Test
    void anImportOfAnotherModulesInternals_fails_andNamesTheClassAndThePackage() {
        JavaClasses planted = IMPORTER.importClasses(UsesTransportInternals.class, Backoff.class);

        EvaluationResult result = ModuleRules.noModuleUsesAnotherModulesInternals(ModuleRules.FRIENDS)
                .evaluate(planted);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString())
                .contains(UsesTransportInternals.class.getName())
                .contains("io.courier.transport.internal.channel is internal to io.courier.transport");
    }

    @Test
    void aDeclaredFriend_isLetThrough_forItsOwnPackageAndTypeOnly() {
        JavaClasses planted = IMPORTER.importClasses(UsesTransportInternals.class, Backoff.class);
        String backoff = Backoff.class.getName();
        List<DeclaredCrossing> friends =
                List.of(new DeclaredCrossing("io.courier.architecture.planted", backoff, "planted"));
        List<DeclaredCrossing> otherPackage =
                List.of(new DeclaredCrossing("io.courier.architecture.plant", backoff, "a prefix"));
        List<DeclaredCrossing> otherType = List.of(new DeclaredCrossing(
                "io.courier.architecture.planted", "io.courier.transport.internal.channel.NotSent", "another type"));

        assertThat(ModuleRules.noModuleUsesAnotherModulesInternals(friends)
                        .evaluate(planted)
                        .hasViolation())
                .isFalse();
        assertThat(ModuleRules.noModuleUsesAnotherModulesInternals(otherPackage)
                        .evaluate(planted)
                        .hasViolation())
                .isTrue();
        assertThat(ModuleRules.noModuleUsesAnotherModulesInternals(otherType)
                        .evaluate(planted)
                        .hasViolation())
                .isTrue();
    }

    @Test
    void aClassMarkedInternal_isLetThrough_butNotItsUnmarkedNeighbours() {
        JavaClasses marked = IMPORTER.importClasses(UsesMarkedCapability.class, Capability.class, Hidden.class);
        JavaClasses unmarked = IMPORTER.importClasses(UsesUnmarkedInternals.class, Capability.class, Hidden.class);

        assertThat(ModuleRules.noModuleUsesAnotherModulesInternals(List.of())
                        .evaluate(marked)
                        .hasViolation())
                .isFalse();
        EvaluationResult result =
                ModuleRules.noModuleUsesAnotherModulesInternals(List.of()).evaluate(unmarked);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString())
                .contains(UsesUnmarkedInternals.class.getName())
                .contains("io.courier.architecture.planted.owner.internal is internal to"
                        + " io.courier.architecture.planted.owner");
    }

    @Test
    void aTestReachingIntoAnotherModulesInternals_fails_asReadFromTheTestClasses() throws IOException {
        Path ownTestClasses = Path.of("target", "test-classes");
        JavaClasses tests = TestClasses.of(List.of(ownTestClasses));

        EvaluationResult result = ModuleRules.noModuleUsesAnotherModulesInternals(ModuleRules.FRIENDS)
                .evaluate(tests);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString())
                .contains("io.courier.architecture.planted.ReachesIntoTransportTest")
                .contains("io.courier.transport.internal.channel is internal to io.courier.transport");
        assertThat(TestClasses.testClassDirectories())
                .as("the planted tests are left out of ArchitectureTest's import")
                .noneMatch(directory -> directory.toAbsolutePath().normalize().equals(ownTestClasses.toAbsolutePath()));
    }

    @Test
    void aCycleBetweenTwoPackages_fails() {
        JavaClasses planted = IMPORTER.importClasses(First.class, Second.class);

        EvaluationResult result = ModuleRules.noCyclesBetweenPackages().evaluate(planted);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString())
                .contains("Cycle detected")
                .contains("io.courier.architecture.planted.cycle.a")
                .contains("io.courier.architecture.planted.cycle.b");
    }

    @Test
    void aCycleBetweenTwoSubPackagesOfInternal_fails() {
        JavaClasses planted = IMPORTER.importClasses(Left.class, Right.class);

        EvaluationResult result = ModuleRules.noCyclesBetweenPackages().evaluate(planted);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString())
                .contains("Cycle detected")
                .contains("io.courier.architecture.planted.internal.a")
                .contains("io.courier.architecture.planted.internal.b");
    }

    @Test
    void aFeatureOfInternal_mayUseItsModulesPublicTypes_butNoClassMayLoopThroughIt() {
        JavaClasses layered = IMPORTER.importClasses(Facade.class, Part.class, Options.class);
        JavaClasses looping = IMPORTER.importClasses(LoopingFacade.class, Back.class);

        assertThat(ModuleRules.noCyclesBetweenPackages().evaluate(layered).hasViolation())
                .isFalse();
        assertThat(ModuleRules.noLoopOfClassesAcrossPackages().evaluate(layered).hasViolation())
                .isFalse();
        EvaluationResult result = ModuleRules.noLoopOfClassesAcrossPackages().evaluate(looping);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString())
                .contains(LoopingFacade.class.getName() + " -> " + Back.class.getName())
                .contains(Back.class.getName() + " -> " + LoopingFacade.class.getName());
    }

    @Test
    void aLoopOfClassesBetweenTwoPackages_fails() {
        assertThat(ModuleRules.noLoopOfClassesAcrossPackages()
                        .evaluate(IMPORTER.importClasses(First.class, Second.class))
                        .hasViolation())
                .isTrue();
        assertThat(ModuleRules.noLoopOfClassesAcrossPackages()
                        .evaluate(IMPORTER.importClasses(Left.class, Right.class))
                        .hasViolation())
                .isTrue();
    }

    @Test
    void cycleSlice_foldsOnlyInternalItselfIntoItsOwner() {
        assertThat(ModuleRules.cycleSlice("io.courier.transport.internal")).isEqualTo("io.courier.transport");
        assertThat(ModuleRules.cycleSlice("io.courier.transport.internal.stream"))
                .isEqualTo("io.courier.transport.internal.stream");
        assertThat(ModuleRules.cycleSlice("io.courier.transport")).isEqualTo("io.courier.transport");
    }

    @Test
    void aModuleReachingUp_fails_andNamesBothModules() {
        JavaClasses planted = IMPORTER.importClasses(UsesBootstrap.class, Courier.class);

        ArchRule rule = ModuleRules.modulesDependDownwardsOnly();

        assertThat(rule.evaluate(planted).getFailureReport().toString()).contains("API may not use BOOTSTRAP");
    }

    @Test
    void aPackageInTwoModules_fails_andNamesBoth(@TempDir Path reactor) throws IOException {
        write(reactor.resolve("pom.xml"), "<modules><module>a</module><!-- <module>gone</module> --></modules>");
        write(reactor.resolve("a/pom.xml"), "<modules><module>b</module></modules>");
        write(reactor.resolve("a/src/main/java/com/example/split/Main.java"), "package com.example.split;");
        write(reactor.resolve("a/src/main/java/com/example/own/Own.java"), "package com.example.own;");
        write(reactor.resolve("a/b/pom.xml"), "<project/>");
        write(reactor.resolve("a/b/src/test/java/com/example/split/MainTest.java"), "package com.example.split;");
        write(reactor.resolve("gone/src/main/java/com/example/own/Copy.java"), "package com.example.own;");

        assertThat(PackageHomes.modules(reactor)).containsExactly("a", "a/b");
        assertThat(PackageHomes.split(reactor)).isEqualTo(Map.of("com.example.split", Set.of("a", "a/b")));
    }

    @Test
    void internalOwner_isThePackageBeforeInternal() {
        assertThat(ModuleRules.internalOwner("io.courier.registry.zookeeper.internal"))
                .contains("io.courier.registry.zookeeper");
        assertThat(ModuleRules.internalOwner("io.courier.transport.internal.tls"))
                .contains("io.courier.transport");
        assertThat(ModuleRules.internalOwner("io.courier.transport")).isEmpty();
        assertThat(ModuleRules.internalOwner("io.courier.internalish")).isEmpty();
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}

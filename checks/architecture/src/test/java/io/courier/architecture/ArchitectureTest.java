package io.courier.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link ModuleRules}, checked on the main classes of every module of the build, and the module
 * boundary on their test classes too ({@link TestClasses}).
 */
class ArchitectureTest {

    private static JavaClasses courier;

    @BeforeAll
    static void importMainClasses() {
        courier = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.courier");
        // guards against a rule passing on an empty import (a class path without the modules)
        for (CourierModule module : CourierModule.values()) {
            assertThat(courier.stream().anyMatch(c -> CourierModule.owning(c.getPackageName())
                            .filter(module::equals)
                            .isPresent()))
                    .as("classes of %s imported", module)
                    .isTrue();
        }
    }

    @Test
    void noModuleUsesAnotherModulesInternals_butTheDeclaredFriends() {
        ModuleRules.noModuleUsesAnotherModulesInternals(ModuleRules.FRIENDS).check(courier);
    }

    /**
     * Test code keeps the module boundary too: a test may use its own module's internals and another
     * module's classes marked {@code @Internal}; a contract or helper another module's tests share (a
     * test-jar, {@code rpc-test-support}) lives outside {@code .internal} packages.
     */
    @Test
    void noTestUsesAnotherModulesInternals_butTheMarkedTypes() throws IOException {
        ModuleRules.noModuleUsesAnotherModulesInternals(ModuleRules.FRIENDS).check(TestClasses.ofEveryModule());
    }

    @Test
    void noCyclesBetweenPackages() {
        ModuleRules.noCyclesBetweenPackages().check(courier);
    }

    @Test
    void noLoopOfClassesAcrossPackages() {
        ModuleRules.noLoopOfClassesAcrossPackages().check(courier);
    }

    @Test
    void modulesDependDownwardsOnly() {
        ModuleRules.modulesDependDownwardsOnly().check(courier);
    }
}

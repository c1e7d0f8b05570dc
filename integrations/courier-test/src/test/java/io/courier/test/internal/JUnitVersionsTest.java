package io.courier.test.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherSessionListener;

/** The JUnit check of the kit: what it accepts, and what it says about a mix or an old release. */
class JUnitVersionsTest {

    @Test
    void oneRelease_isAccepted_forJUnit5AndJUnit6Numbering() {
        assertThat(JUnitVersions.problem(versions("5.10.2", "5.10.2", "1.10.2", "1.10.2")))
                .isEmpty();
        assertThat(JUnitVersions.problem(versions("5.14.4", "5.14.4", "1.14.4", "1.14.4")))
                .isEmpty();
        assertThat(JUnitVersions.problem(versions("6.0.1", "6.0.1", "6.0.1", "6.0.1")))
                .isEmpty();
    }

    @Test
    void theMixOfIssue43_namesEveryVersion_Courier_andTheFix() {
        // courier-test declared before the project's junit-jupiter 5.10.2, when the kit still brought its own
        assertThat(JUnitVersions.problem(versions("5.14.4", "5.10.2", "1.10.2", "1.14.4")))
                .hasValueSatisfying(message -> assertThat(message)
                        .contains("Courier's test kit (courier-test)")
                        .contains("junit-jupiter-api 5.14.4, junit-jupiter-engine 5.10.2, junit-platform-engine 1.10.2,"
                                + " junit-platform-commons 1.14.4")
                        .contains("Not of the release of junit-jupiter-api 5.14.4: junit-jupiter-engine 5.10.2,"
                                + " junit-platform-engine 1.10.2 (expected: junit-jupiter-* 5.14.4, junit-platform-*"
                                + " 1.14.4)")
                        .contains("org.junit:junit-bom:5.14.4")
                        .contains("Supported: JUnit 5.10.2 or newer"));
    }

    @Test
    void aReleaseOlderThanTheOldestSupported_isRefused_withTheMinimum() {
        assertThat(JUnitVersions.problem(versions("5.9.2", "5.9.2", "1.9.2", "1.9.2")))
                .hasValueSatisfying(message -> assertThat(message)
                        .contains("needs JUnit 5.10.2 or newer")
                        .contains("junit-jupiter-api 5.9.2"));
    }

    @Test
    void unknownVersions_areNotChecked() {
        Map<String, String> versions = versions("5.14.4", null, "1.14.4", null);
        versions.remove("junit-jupiter-engine");

        assertThat(JUnitVersions.problem(versions)).isEmpty();
        assertThat(JUnitVersions.problem(versions(null, "5.10.2", "1.10.2", "1.10.2")))
                .isEmpty();
    }

    @Test
    void thisTestRun_passesTheCheck_andItsJUnitIsTheOldestSupported() {
        assertThat(JUnitVersions.problem()).isEmpty();

        // courier-test's pom builds and tests the kit on the oldest JUnit it supports
        assertThat(Test.class.getPackage().getImplementationVersion()).isEqualTo(JUnitVersions.OLDEST);
    }

    @Test
    void theLauncherFindsTheMixReport_throughItsServiceFile() {
        // how a mix that breaks JUnit's discovery gets named before JUnit's own error (docs/testing.md)
        assertThat(ServiceLoader.load(LauncherSessionListener.class).stream().map(ServiceLoader.Provider::type))
                .contains(JUnitMixReport.class);
    }

    @Test
    void platformOf_followsJUnitsNumbering() {
        assertThat(JUnitVersions.platformOf("5.10.2")).isEqualTo("1.10.2");
        assertThat(JUnitVersions.platformOf("6.0.0")).isEqualTo("6.0.0");
    }

    private static Map<String, String> versions(String api, String engine, String platformEngine, String commons) {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("junit-jupiter-api", api);
        versions.put("junit-jupiter-engine", engine);
        versions.put("junit-platform-engine", platformEngine);
        versions.put("junit-platform-commons", commons);
        return versions;
    }
}

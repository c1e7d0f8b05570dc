package io.courier.demo.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuietJvmTest {

    @Test
    void relaunchesOnlyOnJava24AndLater_onceAndNotOverTheUsersOwnValue() {
        assertThat(QuietJvm.needed(17, List.of("-Xmx512m"), false)).isFalse();
        assertThat(QuietJvm.needed(21, List.of(), false)).isFalse();
        assertThat(QuietJvm.needed(25, List.of("-Xmx512m"), false)).isTrue();
        assertThat(QuietJvm.needed(25, List.of(), true)).as("the child itself").isFalse();
        assertThat(QuietJvm.needed(25, List.of("--sun-misc-unsafe-memory-access=warn"), false))
                .as("the user's own value")
                .isFalse();
    }

    @Test
    void childRunsTheSameJarWithTheSameOptionsAndArguments() {
        assertThat(QuietJvm.command(
                        "/jdk/bin/java",
                        List.of("-Xmx512m"),
                        "demo/target/courier-demo.jar",
                        "io.courier.demo.DemoApplication",
                        new String[] {"--duration-seconds", "5"}))
                .containsExactly(
                        "/jdk/bin/java",
                        "-Xmx512m",
                        "--sun-misc-unsafe-memory-access=allow",
                        "-Ddemo.relaunched=true",
                        "-jar",
                        "demo/target/courier-demo.jar",
                        "--duration-seconds",
                        "5");
    }

    @Test
    void childOfAClassPathRunTakesTheClassPathAndMainClass() {
        String classPath = "a/classes" + File.pathSeparator + "b.jar";
        assertThat(QuietJvm.command("java", List.of(), classPath, "io.courier.demo.DemoApplication", new String[0]))
                .containsExactly(
                        "java",
                        "--sun-misc-unsafe-memory-access=allow",
                        "-Ddemo.relaunched=true",
                        "-cp",
                        classPath,
                        "io.courier.demo.DemoApplication");
    }
}

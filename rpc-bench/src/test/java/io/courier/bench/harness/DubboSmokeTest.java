package io.courier.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dubbo end to end: its client must run on Dubbo's own hessian-lite, which this test JVM's classpath shadows, so the
 * check runs {@link SmokeCheck} in a child JVM with the Dubbo classpath, as the benchmark does.
 */
@Timeout(180)
class DubboSmokeTest {

    @Test
    void dubboAnswersEveryCallOfTheWorkloadOverLoopback(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("smoke.log");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", // a check, not a measurement: C1 compiles what it runs soonest
                "-Ddubbo.application.logger=slf4j",
                // the server the check starts gets the test's server options (the pom's), not a measured run's
                "-Dbench.serverJvmArgs=" + System.getProperty("bench.serverJvmArgs", ServerProcess.DEFAULT_JVM_ARGS),
                "-cp",
                RpcSystem.DUBBO.classpath(System.getProperty("java.class.path")),
                SmokeCheck.class.getName(),
                "dubbo");
        Process check = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            assertThat(check.waitFor(150, TimeUnit.SECONDS)).isTrue();
            assertThat(check.exitValue()).as(() -> readQuietly(log)).isZero();
            assertThat(readQuietly(log)).contains("dubbo: all four calls answered correctly");
        } finally {
            check.descendants().forEach(ProcessHandle::destroyForcibly);
            check.destroyForcibly();
        }
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}

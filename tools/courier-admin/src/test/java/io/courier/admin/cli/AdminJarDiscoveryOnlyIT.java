package io.courier.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.testkit.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runnable jar ({@code courier-admin-<version>-all.jar}) run as a user runs it, {@code java -jar}, on the
 * registries that keep no store: it carries their modules, so it refuses in their words (exit status 1), not
 * as an unknown scheme. No server: the refusal comes before any connection.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdminJarDiscoveryOnlyIT {

    private static final Path JAR = Path.of(System.getProperty("admin.jar", "target/courier-admin.jar"));

    @Test
    void runnableJar_knowsTheDiscoveryOnlyRegistries_andRefusesTheirStoreInWords() throws Exception {
        try (ChildJvm admin = ChildJvm.startJar(JAR, "--registry", "mdns://127.0.0.1", "services")) {
            assertThat(admin.awaitExit(Duration.ofSeconds(60)))
                    .as(admin.output())
                    .hasValue(1);
            assertThat(admin.output())
                    .contains("courier-admin: address: 'mdns://127.0.0.1': the mdns registry offers discovery only")
                    .doesNotContain("expected: a scheme served by");
        }
    }
}

package io.courier.examples.extending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.Courier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code file} registry, found by the address's scheme, with real providers joining and leaving. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileRegistryTest {

    @TempDir
    Path directory;

    private final Applications applications = new Applications();

    @AfterEach
    void close() {
        applications.close();
    }

    private String address() {
        return directory.toUri().toString(); // file:///tmp/junit.../
    }

    @Test
    void aRegistryWithoutCoordination_refusesCoordinationAndLeaderOnlyExports() {
        Courier application = applications.start(Applications.builder("jobs").registry(address()));

        assertThatThrownBy(application::coordination)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("courier.registry.address: '" + address() + "' offers no coordination");
    }

    @Test
    void providersJoinAndLeave_andTheConsumerFollows() throws IOException {
        Courier first =
                applications.start(Applications.builder("a").registry(address()).export(new Named.Instance("a")));
        Courier consumer = applications.start(Applications.builder("shop").registry(address()));
        Named named = consumer.reference(Named.class);

        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> named.name()
                .equals("a"));
        try (Stream<Path> files = Files.walk(directory)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .contains("127.0.0.1_" + first.port() + ".properties");
        }

        applications.start(Applications.builder("b").registry(address()).export(new Named.Instance("b")));
        Set<String> seen = new HashSet<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            seen.add(named.name());
            return seen.contains("b");
        });

        first.close();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !Files.exists(
                        directory.resolve(Named.class.getName()).resolve("127.0.0.1_" + first.port() + ".properties")));
        for (int i = 0; i < 20; i++) {
            assertThat(named.name()).isEqualTo("b");
        }
    }
}

package io.courier.mockserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of the runnable jar. */
class MainTest {

    @Test
    void everyOption_isRead() {
        MockServerOptions options = Main.parse(new String[] {
            "--stubs", "a.json", "--stubs", "b.json", "--registry", "zookeeper://127.0.0.1:2181", "--root", "/dev",
            "--host", "0.0.0.0", "--port", "20990", "--application", "users-mock", "--reload-millis", "250"
        });

        assertThat(options)
                .isEqualTo(new MockServerOptions(
                        java.util.List.of(Path.of("a.json"), Path.of("b.json")),
                        "zookeeper://127.0.0.1:2181",
                        "/dev",
                        "0.0.0.0",
                        20990,
                        "users-mock",
                        Duration.ofMillis(250)));
    }

    @Test
    void classPath_isEveryEntryOfEveryClassPathArgument_andAMissingOneIsRefused(@TempDir Path directory)
            throws IOException {
        Path api = Files.createFile(directory.resolve("users-api.jar"));
        Path classes = Files.createDirectory(directory.resolve("classes"));
        String[] args = {
            "--class-path", api + File.pathSeparator + classes, "--stubs", "a.json", "--class-path", classes.toString()
        };

        assertThat(Main.classPath(args)).containsExactly(api, classes, classes);
        assertThat(Main.parse(args).stubFiles()).containsExactly(Path.of("a.json"));
        assertThatThrownBy(() -> Main.classPath(new String[] {"--class-path", "missing.jar"}))
                .hasMessage("--class-path: 'missing.jar' does not exist (expected: the jar or directory of your"
                        + " service interfaces)");
    }

    @Test
    void badArguments_areRefusedByName() {
        assertThatThrownBy(() -> Main.parse(new String[] {"--stubs", "a.json", "--port", "x"}))
                .hasMessage("--port: 'x' (expected: an integer)");
        assertThatThrownBy(() -> Main.parse(new String[] {"--stubs", "a.json", "--verbose", "yes"}))
                .hasMessage("unknown argument '--verbose'");
        assertThatThrownBy(() -> Main.parse(new String[] {"--stubs"})).hasMessage("--stubs: no value");
        assertThatThrownBy(() -> Main.parse(new String[] {}))
                .hasMessage("stubFiles: [] (expected: at least one stub file)");
        assertThatThrownBy(() -> Main.parse(new String[] {"--stubs", "a.json", "--port", "70000"}))
                .hasMessage("port: 70000 (expected: 0 to 65535)");
    }
}

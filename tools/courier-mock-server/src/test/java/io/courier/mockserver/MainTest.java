package io.courier.mockserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

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

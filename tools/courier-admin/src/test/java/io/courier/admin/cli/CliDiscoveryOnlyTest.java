package io.courier.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On a registry that offers discovery only, every command that needs the store (the configuration centre, the
 * catalog's services and providers) is refused in the registry's own words, naming it and what it lacks: exit
 * status 1, nothing on stdout, and nothing sent to any server (the refusal comes before a connection).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CliDiscoveryOnlyTest {

    @Test
    void storeCommands_onEurekaAndMdns_areRefusedInWords() {
        Map<String, String> registries = Map.of(
                "eureka://127.0.0.1:1", "the eureka registry offers discovery only",
                "mdns://127.0.0.1", "the mdns registry offers discovery only");
        for (Map.Entry<String, String> registry : registries.entrySet()) {
            for (List<String> command : List.of(
                    List.of("config", "get", "service:io.shop.Inventory"),
                    List.of("config", "set", "service:io.shop.Inventory", "-"),
                    List.of("services"),
                    List.of("providers", "io.shop.Inventory"))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                String[] args = java.util.stream.Stream.concat(
                                java.util.stream.Stream.of("--registry", registry.getKey()), command.stream())
                        .toArray(String[]::new);
                int status = Cli.run(
                        args,
                        Map.of(),
                        new ByteArrayInputStream("version: 1\n".getBytes(StandardCharsets.UTF_8)),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
                assertThat(status).as("%s %s", registry.getKey(), command).isEqualTo(Cli.FAILED);
                assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
                assertThat(err.toString(StandardCharsets.UTF_8))
                        .startsWith("courier-admin: address: '" + registry.getKey() + "': " + registry.getValue())
                        .contains("no configuration store")
                        .contains("registry catalog")
                        .doesNotContain("expected: a scheme served by");
            }
        }
    }
}

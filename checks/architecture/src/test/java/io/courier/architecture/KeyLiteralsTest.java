package io.courier.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.config.ConfigKeyRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One place for each key: no main source spells a configuration key (or a per-method, per-service or
 * prefix form of one) in a string literal, except the sources that declare keys (a class holding
 * {@code ConfigKey} constants or implementing {@code ConfigKeyCatalog}) and the key model itself
 * ({@code io.courier.api.config}). Everyone else names a key through its constant
 * ({@code RegistryKeys.ROOT.name()}), so a renamed key cannot leave a stale spelling behind. Read from the
 * sources, as {@link SourceSizeTest} reads them, against the registry of every catalog of the build.
 */
class KeyLiteralsTest {

    private static final ConfigKeyRegistry REGISTRY = ConfigKeyRegistry.loaded();
    private static final Pattern DECLARES_KEYS =
            Pattern.compile("static final ConfigKey<|implements ConfigKeyCatalog|ConfigKey<\\?>> keys\\(\\)");
    private static final String KEY_MODEL = "rpc-api/src/main/java/io/courier/api/config/";

    @Test
    void noMainSourceSpellsAKey_outsideTheSourcesThatDeclareKeys() throws IOException {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        Map<String, List<KeyLiterals.Spelling>> spelt = new TreeMap<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(KeyLiteralsTest::isMainSource).toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                String source = read(file);
                scanned++;
                if (name.startsWith(KEY_MODEL) || DECLARES_KEYS.matcher(source).find()) {
                    continue;
                }
                List<KeyLiterals.Spelling> keys = KeyLiterals.of(source, REGISTRY);
                if (!keys.isEmpty()) {
                    spelt.put(name, keys);
                }
            }
        }

        assertThat(scanned).isGreaterThan(300);
        assertThat(spelt)
                .as("keys spelt as string literals: use the key's constant (its catalog's XKeys.KEY.name())")
                .isEmpty();
    }

    @Test
    void aPlantedSpelling_isFound_andCommentsMetricNamesAndTheRootAreNot() {
        String planted = String.join(
                "\n",
                "/** Sets {@code \"courier.consumer.retries\"} in javadoc, which is no literal. */",
                "class Planted {",
                "    // \"courier.server.port\" in a comment",
                "    static final String METRIC = \"courier.rpc.calls\";",
                "    static final String ROOT = \"courier.\";",
                "    void wire(Builder builder) {",
                "        builder.property(\"courier.consumer.timeout-millis\", \"500\");",
                "        builder.property(\"courier.service.com.acme.Users.retries\", \"0\");",
                "        builder.property(\"courier.filter.getUser.rate-limit.qps\", \"5\");",
                "        String all = \"courier.console.\" + name;",
                "        char quote = '\"';",
                "        throw new IllegalStateException(\"courier.events.broker: '\" + name + \"' (expected: ...)\");",
                "    }",
                "}");

        assertThat(KeyLiterals.of(planted, REGISTRY))
                .containsExactly(
                        new KeyLiterals.Spelling(7, "courier.consumer.timeout-millis"),
                        new KeyLiterals.Spelling(8, "courier.service.com.acme.Users.retries"),
                        new KeyLiterals.Spelling(9, "courier.filter.getUser.rate-limit.qps"),
                        new KeyLiterals.Spelling(10, "courier.console."),
                        new KeyLiterals.Spelling(12, "courier.events.broker"));
    }

    private static boolean isMainSource(Path file) {
        String path = file.toString().replace('\\', '/');
        // users' projects are written as a user would, with keys spelt as a user spells them
        return path.endsWith(".java")
                && path.contains("/src/main/java/")
                && !path.contains("/target/")
                && !path.contains("/user-projects/")
                && !path.contains("/node_modules/");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.courier.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyCatalog;
import io.courier.api.config.ConfigKeyRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The IDE metadata the starter ships ({@code META-INF/spring-configuration-metadata.json}) is
 * generated from Courier's key registry: every key of every {@link ConfigKeyCatalog} (this module's
 * test class path holds every module that declares keys), which {@code docs/configuration.md}
 * lists too ({@code ConfigurationDocsTest} in checks/architecture holds them equal). When a key
 * changes, this test writes the new file to {@code target/} and names it.
 */
class ConfigurationMetadataTest {

    private static final Path DOC = Path.of("..", "..", "docs", "configuration.md");
    private static final Path SHIPPED =
            Path.of("src", "main", "resources", "META-INF", "spring-configuration-metadata.json");
    private static final Pattern ROW =
            Pattern.compile("^\\| `(courier\\.[a-z0-9.-]+)` \\| `[A-Z0-9_]+` \\| (\\w+) \\| ([^|]+) \\| (.+) \\|$");

    @Test
    void shippedMetadata_isWhatTheKeyListImplies() throws IOException {
        String expected = metadata(keys());
        Path generated = Path.of("target", "spring-configuration-metadata.json");
        Files.createDirectories(generated.getParent());
        Files.writeString(generated, expected, StandardCharsets.UTF_8);

        String shipped = Files.exists(SHIPPED) ? Files.readString(SHIPPED, StandardCharsets.UTF_8) : "";

        assertThat(shipped)
                .as("%s (expected: the content of %s)", SHIPPED, generated)
                .isEqualTo(expected);
    }

    @Test
    void everyFixedKeyOfTheReference_isInTheMetadata() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        long rows = lines.stream()
                .filter(line -> ROW.matcher(line.strip()).matches())
                .count();

        assertThat(rows).isGreaterThan(50);
        assertThat(Pattern.compile("\"name\": \"courier\\.")
                        .matcher(metadata(keys()))
                        .results()
                        .count())
                .isEqualTo(rows);
    }

    /** Every declared key: catalogs by class name (the class path's order may vary), each in its order. */
    static List<ConfigKey<?>> keys() {
        List<ConfigKeyCatalog> catalogs = new ArrayList<>();
        ServiceLoader.load(ConfigKeyCatalog.class).forEach(catalogs::add);
        catalogs.sort(Comparator.comparing(catalog -> catalog.getClass().getName()));
        // The registry refuses duplicates; building it checks these catalogs as start-up would.
        ConfigKeyRegistry.of(catalogs);
        List<ConfigKey<?>> keys = new ArrayList<>();
        catalogs.forEach(catalog -> keys.addAll(catalog.keys()));
        return keys;
    }

    /** The metadata document for {@code keys}. */
    static String metadata(List<ConfigKey<?>> keys) {
        List<String> properties = new ArrayList<>();
        for (ConfigKey<?> key : keys) {
            properties.add(property(key.name(), key.type().name(), key.defaultText(), key.meaning()));
        }
        return "{\n  \"groups\": [\n    {\n      \"name\": \"courier\",\n"
                + "      \"description\": \"Courier RPC: every key of its ConfigKeyRegistry (docs/configuration.md)."
                + " Per-method and per-service forms (courier.filter.<method>.<filter>.<option>,"
                + " courier.service.<interface>.<suffix>) are patterns over these keys and not listed.\"\n    }\n"
                + "  ],\n  \"properties\": [\n"
                + String.join(",\n", properties) + "\n  ]\n}\n";
    }

    private static String property(String name, String type, String defaultText, String meaning) {
        StringBuilder json = new StringBuilder("    {\n");
        json.append("      \"name\": ").append(quote(name)).append(",\n");
        json.append("      \"type\": ").append(quote(javaType(type))).append(",\n");
        json.append("      \"description\": ").append(quote(meaning.replace("`", "")));
        if (!defaultText.startsWith("(")) {
            json.append(",\n      \"defaultValue\": ").append(defaultValue(type, defaultText));
        }
        return json.append("\n    }").toString();
    }

    private static String javaType(String type) {
        return switch (type) {
            case "int" -> "java.lang.Integer";
            case "long" -> "java.lang.Long";
            case "boolean" -> "java.lang.Boolean";
            case "decimal" -> "java.lang.Double";
            case "list" -> "java.util.List<java.lang.String>";
            default -> "java.lang.String";
        };
    }

    private static String defaultValue(String type, String text) {
        return switch (type) {
            case "int", "long", "boolean", "decimal" -> text;
            case "list" -> {
                List<String> items = new ArrayList<>();
                for (String item : text.split(",")) {
                    items.add(quote(item.strip()));
                }
                yield "[" + String.join(", ", items) + "]";
            }
            default -> quote(text);
        };
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

package io.courier.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The IDE metadata the starter ships ({@code META-INF/spring-configuration-metadata.json}) is
 * generated from Courier's key list: {@code docs/configuration.md}, whose rows rpc-bootstrap's
 * {@code ConfigurationDocsTest} holds equal to {@code ConfigKeys}. When a key changes, this test
 * writes the new file to {@code target/} and names it.
 */
class ConfigurationMetadataTest {

    private static final Path DOC = Path.of("..", "..", "docs", "configuration.md");
    private static final Path SHIPPED =
            Path.of("src", "main", "resources", "META-INF", "spring-configuration-metadata.json");
    private static final Pattern ROW =
            Pattern.compile("^\\| `(courier\\.[a-z0-9.-]+)` \\| `[A-Z0-9_]+` \\| (\\w+) \\| ([^|]+) \\| (.+) \\|$");

    @Test
    void shippedMetadata_isWhatTheKeyListImplies() throws IOException {
        String expected = metadata(Files.readAllLines(DOC, StandardCharsets.UTF_8));
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
                        .matcher(metadata(lines))
                        .results()
                        .count())
                .isEqualTo(rows);
    }

    /** The metadata document for every fixed key row of the configuration reference. */
    static String metadata(List<String> lines) {
        List<String> properties = new ArrayList<>();
        for (String line : lines) {
            Matcher row = ROW.matcher(line.strip());
            if (row.matches()) {
                properties.add(property(
                        row.group(1),
                        row.group(2),
                        row.group(3).strip(),
                        row.group(4).strip()));
            }
        }
        return "{\n  \"groups\": [\n    {\n      \"name\": \"courier\",\n"
                + "      \"description\": \"Courier RPC: the keys of docs/configuration.md. Per-service keys"
                + " (courier.service.<interface>.<suffix>) and filter keys (courier.filter.<filter>.<key>) are"
                + " open families and not listed.\"\n    }\n  ],\n  \"properties\": [\n"
                + String.join(",\n", properties) + "\n  ]\n}\n";
    }

    private static String property(String name, String type, String defaultCell, String meaning) {
        StringBuilder json = new StringBuilder("    {\n");
        json.append("      \"name\": ").append(quote(name)).append(",\n");
        json.append("      \"type\": ").append(quote(javaType(type))).append(",\n");
        json.append("      \"description\": ").append(quote(meaning.replace("`", "")));
        if (defaultCell.startsWith("`") && defaultCell.endsWith("`")) {
            json.append(",\n      \"defaultValue\": ")
                    .append(defaultValue(type, defaultCell.substring(1, defaultCell.length() - 1)));
        }
        return json.append("\n    }").toString();
    }

    private static String javaType(String type) {
        return switch (type) {
            case "int" -> "java.lang.Integer";
            case "long" -> "java.lang.Long";
            case "boolean" -> "java.lang.Boolean";
            case "list" -> "java.util.List<java.lang.String>";
            default -> "java.lang.String";
        };
    }

    private static String defaultValue(String type, String text) {
        return switch (type) {
            case "int", "long", "boolean" -> text;
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

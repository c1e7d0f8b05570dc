package io.courier.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyCatalog;
import io.courier.api.config.ConfigKeyRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference and the key registry cannot drift apart: every row of
 * {@code docs/configuration.md} is a key some module's {@link ConfigKeyCatalog} declares, with the
 * same environment variable, type, default and meaning, and every declared key has its row. This
 * module has every module on its test class path, so the registry here holds every catalog. When
 * they differ, the rows the code implies are written to {@code target/configuration-keys.md}.
 */
class ConfigurationDocsTest {

    private static final Path DOC = Path.of("..", "..", "docs", "configuration.md");
    private static final Pattern ROW = Pattern.compile("^\\| `(courier\\.[^`]+)` \\|(.*)\\|$");
    /** A key, then a value in backquotes in parentheses, ending there or before a comma or a colon. */
    private static final Pattern STATED_DEFAULT = Pattern.compile("`(courier\\.[a-z0-9.-]+)` \\(`([^`]+)`[),:]");
    /** The open families: patterns over declared keys, documented in their own rows. */
    private static final Set<String> FAMILIES =
            Set.of("courier.service.<interface>.<suffix>", "courier.filter.<filter>.<key>");

    private static final ConfigKeyRegistry REGISTRY = ConfigKeyRegistry.loaded();

    @Test
    void everyCatalogOfTheBuild_isLoaded() {
        List<String> catalogs = new ArrayList<>();
        ServiceLoader.load(ConfigKeyCatalog.class)
                .forEach(catalog -> catalogs.add(catalog.getClass().getSimpleName()));
        assertThat(catalogs)
                .contains("BootstrapKeyCatalog", "FilterKeyCatalog", "SecurityKeys", "GatewayKeys", "ConsoleKeys");
    }

    @Test
    void everyKeyInCode_isDocumented_andEveryDocumentedKeyExists() throws IOException {
        Map<String, List<String>> documented = documentedRows();
        Set<String> inCode = new LinkedHashSet<>();
        REGISTRY.keys().forEach(key -> inCode.add(key.name()));
        inCode.addAll(FAMILIES);

        assertThat(documented.keySet())
                .as(
                        "keys in %s (expected: exactly the keys of every ConfigKeyCatalog; rows to paste are in %s)",
                        DOC, expectedTable())
                .containsExactlyInAnyOrderElementsOf(inCode);
    }

    @Test
    void documentedEnvironmentTypeDefaultAndMeaning_matchTheCode() throws IOException {
        Map<String, List<String>> documented = documentedRows();
        List<String> mismatches = new ArrayList<>();
        for (ConfigKey<?> key : REGISTRY.keys()) {
            List<String> cells = documented.get(key.name());
            if (cells == null) {
                continue;
            }
            List<String> expected = cells(key);
            if (!cells.equals(expected)) {
                mismatches.add(key.name() + ": documented " + cells + ", code says " + expected);
            }
        }
        assertThat(mismatches).as("rows to paste are in %s", expectedTable()).isEmpty();
    }

    /**
     * One truth for each default: another page that names a key with a value in parentheses, as in
     * {@code `courier.consumer.timeout-millis` (`3000`)}, states the code's default (issue 43: the user
     * guide said {@code protostuff} where the code and this reference say {@code auto}).
     */
    @Test
    void aDefaultStatedOnAnotherPage_isTheCodes() throws IOException {
        Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
        REGISTRY.keys().forEach(key -> keys.put(key.name(), key));
        List<Path> pages = new ArrayList<>(List.of(Path.of("..", "..", "README.md")));
        try (var files = Files.list(DOC.getParent())) {
            files.filter(file -> file.toString().endsWith(".md") && !file.equals(DOC))
                    .sorted()
                    .forEach(pages::add);
        }
        List<String> mismatches = new ArrayList<>();
        int stated = 0;
        for (Path page : pages) {
            List<String> lines = Files.readAllLines(page);
            for (int i = 0; i < lines.size(); i++) {
                Matcher matcher = STATED_DEFAULT.matcher(lines.get(i));
                while (matcher.find()) {
                    ConfigKey<?> key = keys.get(matcher.group(1));
                    if (key == null) {
                        continue;
                    }
                    stated++;
                    if (!matcher.group(2).equals(key.defaultText())) {
                        mismatches.add(page.getFileName() + ":" + (i + 1) + ": `" + key.name() + "` (`"
                                + matcher.group(2) + "`), but its default is `" + key.defaultText() + "` ("
                                + DOC.getFileName() + ")");
                    }
                }
            }
        }

        assertThat(stated).isGreaterThan(5);
        assertThat(mismatches).isEmpty();
    }

    /** Every row of the reference's tables, key to its other cells. */
    private static Map<String, List<String>> documentedRows() throws IOException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOC)) {
            Matcher matcher = ROW.matcher(line.strip());
            if (matcher.matches()) {
                List<String> cells = new ArrayList<>();
                for (String cell : matcher.group(2).split("\\|")) {
                    cells.add(cell.strip());
                }
                assertThat(rows.put(matcher.group(1), cells))
                        .as("%s documented twice", matcher.group(1))
                        .isNull();
            }
        }
        return rows;
    }

    /** The environment variable, type and default cells of {@code key}'s row, then its meaning. */
    static List<String> cells(ConfigKey<?> key) {
        String defaultText = key.defaultText().startsWith("(") ? key.defaultText() : "`" + key.defaultText() + "`";
        return List.of("`" + key.environmentName() + "`", key.type().name(), defaultText, key.meaning());
    }

    /** Writes the rows the code implies, catalog by catalog, for a person fixing the reference. */
    private static Path expectedTable() {
        StringBuilder table = new StringBuilder();
        for (ConfigKeyCatalog catalog : ServiceLoader.load(ConfigKeyCatalog.class)) {
            table.append("\n<!-- ")
                    .append(catalog.getClass().getName())
                    .append(" -->\n\n| Key | Environment | Type | Default | Meaning |\n|---|---|---|---|---|\n");
            for (ConfigKey<?> key : catalog.keys()) {
                table.append("| `")
                        .append(key.name())
                        .append("` | ")
                        .append(String.join(" | ", cells(key)))
                        .append(" |\n");
            }
        }
        Path out = Path.of("target", "configuration-keys.md");
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, table);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toAbsolutePath();
    }
}

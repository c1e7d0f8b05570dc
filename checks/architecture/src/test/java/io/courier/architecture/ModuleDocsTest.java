package io.courier.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The pages that name Courier's modules cannot drift from the build: the module table and the diagram of
 * {@code docs/architecture.md} and the module table of {@code README.md} name exactly the root
 * {@code pom.xml}'s {@code <modules>}, and the architecture page's table of boundary exceptions is
 * exactly {@link ModuleRules#FRIENDS}. The users' projects ({@code user-projects/*}) are one row in both
 * tables and are not drawn in the diagram.
 */
class ModuleDocsTest {

    private static final Path ROOT = Path.of("..", "..");
    private static final Path ARCHITECTURE = ROOT.resolve("docs/architecture.md");
    private static final Path README = ROOT.resolve("README.md");
    private static final String USER_PROJECTS = "user-projects/";
    private static final String USER_PROJECTS_ROW = "user-projects/*";

    private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");
    private static final Pattern HEADING = Pattern.compile("^#+ ");
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    /** A table row whose first cell starts with a name in backquotes. */
    private static final Pattern FIRST_CELL = Pattern.compile("^\\| `([^`]+)`");
    /** A node of the mermaid diagram: {@code id["label"]}; the label's first word is the module. */
    private static final Pattern NODE = Pattern.compile("^\\s*\\w+\\[\"([^\" ]+)[^\"]*\"\\]\\s*$");
    /** A row of the friends table: user package, owner package, reason. */
    private static final Pattern FRIEND_ROW = Pattern.compile("^\\| `([^`]+)` \\| `([^`]+)` \\|");

    @Test
    void architectureModuleTable_namesEveryModuleOfTheBuild() throws IOException {
        assertThat(firstCells(section(lines(ARCHITECTURE), "## Modules")))
                .as("modules in the table of %s (expected: the root pom.xml's <modules>)", ARCHITECTURE)
                .containsExactlyInAnyOrderElementsOf(buildModules());
    }

    @Test
    void architectureDiagram_drawsEveryModuleButTheUsersProjects() throws IOException {
        Set<String> expected = new TreeSet<>(buildModules());
        expected.remove(USER_PROJECTS_ROW);
        assertThat(diagramNodes(section(lines(ARCHITECTURE), "## Modules")))
                .as("modules drawn in the diagram of %s (expected: the root pom.xml's <modules>)", ARCHITECTURE)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void architectureFriendsTable_isModuleRulesFriends() throws IOException {
        Set<String> documented = new TreeSet<>();
        for (String line : section(lines(ARCHITECTURE), "## Rules the build enforces")) {
            Matcher row = FRIEND_ROW.matcher(line);
            if (row.find()) {
                documented.add(row.group(1) + " -> " + row.group(2));
            }
        }
        Set<String> declared = ModuleRules.FRIENDS.stream()
                .map(friend -> friend.from() + " -> " + friend.to())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented)
                .as("boundary exceptions in %s (expected: ModuleRules.FRIENDS)", ARCHITECTURE)
                .containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void readmeModuleTable_namesEveryModuleOfTheBuild() throws IOException {
        assertThat(firstCells(section(lines(README), "## Modules")))
                .as("modules in the table of %s (expected: the root pom.xml's <modules>)", README)
                .containsExactlyInAnyOrderElementsOf(buildModules());
    }

    @Test
    void buildModules_areReadFromTheRootPom() throws IOException {
        // guards against the checks above passing on an empty or misread module list
        assertThat(buildModules())
                .contains("rpc-spi", "courier-bom/check", "checks/architecture", USER_PROJECTS_ROW)
                .hasSizeGreaterThan(30);
    }

    /** The root pom's modules, the users' projects folded into one {@code user-projects/*}. */
    private static Set<String> buildModules() throws IOException {
        String pom = COMMENT.matcher(Files.readString(ROOT.resolve("pom.xml"))).replaceAll("");
        Set<String> modules = new TreeSet<>();
        Matcher module = MODULE.matcher(pom);
        while (module.find()) {
            String path = module.group(1);
            modules.add(path.startsWith(USER_PROJECTS) ? USER_PROJECTS_ROW : path);
        }
        return modules;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }

    /** The lines after {@code heading} up to the next heading (outside code blocks). */
    private static List<String> section(List<String> lines, String heading) {
        int start = lines.indexOf(heading);
        assertThat(start).as("heading '%s'", heading).isNotNegative();
        List<String> section = new ArrayList<>();
        boolean inCode = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            inCode ^= line.startsWith("```");
            if (!inCode && HEADING.matcher(line).find()) {
                break;
            }
            section.add(line);
        }
        return section;
    }

    private static Set<String> firstCells(List<String> section) {
        Set<String> cells = new TreeSet<>();
        for (String line : section) {
            Matcher cell = FIRST_CELL.matcher(line);
            if (cell.find()) {
                cells.add(cell.group(1));
            }
        }
        return cells;
    }

    private static Set<String> diagramNodes(List<String> section) {
        Set<String> nodes = new TreeSet<>();
        boolean inDiagram = false;
        for (String line : section) {
            if (line.startsWith("```")) {
                inDiagram = line.equals("```mermaid");
                continue;
            }
            Matcher node = NODE.matcher(line);
            if (inDiagram && node.find()) {
                nodes.add(node.group(1));
            }
        }
        return nodes;
    }
}

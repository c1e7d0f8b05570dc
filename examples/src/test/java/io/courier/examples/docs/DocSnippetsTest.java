package io.courier.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of docs/getting-started.md, docs/user-guide.md, docs/extending.md and docs/testing.md
 * is a region of a file of this module, or of a file the getting-started page shows whole (whose one home is
 * user-projects/getting-started), which the build compiles: a snippet that is edited in the page, or whose
 * code changes, fails here. The pages' logback.xml is the one the
 * examples and the demo use, and their pom builds at Java 17.
 */
class DocSnippetsTest {

    private static final Path ROOT = Path.of("..");
    private static final List<String> PAGES =
            List.of("docs/getting-started.md", "docs/user-guide.md", "docs/extending.md", "docs/testing.md");
    /**
     * The files docs/getting-started.md shows whole: their one home is the user's project that builds the
     * page's pom and program (the examples and the demo get them compiled through examples/model).
     */
    private static final Map<String, String> SHOWN_WHOLE =
            Snippets.regions(List.of(ROOT.resolve("user-projects/getting-started/src/main/java")));

    private static final Map<String, String> REGIONS = regions();

    @Test
    void everyJavaBlockOfTheGuides_isARegionOfCompiledExampleCode() throws IOException {
        List<String> problems = new ArrayList<>();
        int blocks = 0;
        for (String page : PAGES) {
            String markdown = Files.readString(ROOT.resolve(page));
            blocks += Snippets.blocks(markdown, "java").size();
            problems.addAll(Snippets.unmatched(page, markdown, REGIONS, SHOWN_WHOLE));
        }

        assertThat(blocks).isGreaterThan(20);
        assertThat(problems).as(String.join("\n\n", problems)).isEmpty();
    }

    /**
     * A snippet that is not a whole file says where its other pieces are: the paragraph just above it
     * names the file it is a region of (issue 43: a reader could not find a class a snippet used).
     */
    @Test
    void everyPartialJavaBlock_namesTheFileItComesFrom() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String page : PAGES) {
            String markdown = Files.readString(ROOT.resolve(page));
            List<String> lines = markdown.lines().toList();
            for (Snippets.Block block : Snippets.blocks(markdown, "java")) {
                if (block.text().startsWith("package ")) {
                    continue;
                }
                String above = String.join("\n", lines.subList(Math.max(0, block.line() - 6), block.line() - 1));
                List<String> files = Stream.concat(
                                REGIONS.entrySet().stream()
                                        .filter(region -> region.getValue().equals(block.text()))
                                        .map(Map.Entry::getKey),
                                Snippets.runOf(block.text(), SHOWN_WHOLE).stream())
                        .map(name -> Path.of(name.replaceFirst("#.*", ""))
                                .getFileName()
                                .toString())
                        .toList();
                if (files.stream().noneMatch(above::contains)) {
                    problems.add(page + ":" + block.line() + ": a part of " + files
                            + "; name the file in the lines above the block");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aBlockThatNoLongerMatchesItsRegion_isReported() {
        String region = REGIONS.get("io/courier/examples/userguide/UserServer.java#serve");
        assertThat(region).isNotNull();
        String page = "# p\n\n```java\n" + region + "\n```\n\n```java\n" + region.replace("\"shop\"", "\"shoop\"")
                + "\n```\n";

        List<String> problems = Snippets.unmatched("page.md", page, REGIONS, SHOWN_WHOLE);

        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith("page.md:")
                .contains("nearest: io/courier/examples/userguide/UserServer.java#serve")
                .contains("\"shoop\"");
    }

    @Test
    void normalising_dropsCommonIndentationAndSurroundingBlankLines() {
        assertThat(Snippets.normalise("\n    a();\n      b();  \n\n")).isEqualTo("a();\n  b();");
    }

    @Test
    void gettingStartedLogbackXml_isTheOneOfTheExamplesAndTheDemo() throws IOException {
        List<Snippets.Block> xml = Snippets.blocks(Files.readString(ROOT.resolve("docs/getting-started.md")), "xml");
        String logback = Snippets.normalise(Files.readString(Path.of("src", "main", "resources", "logback.xml")));

        assertThat(xml).extracting(Snippets.Block::text).contains(logback);
        // the demo's is the same but for the lines that quieten its embedded Kafka broker and the
        // breaker whose circuit it opens on purpose
        String demo = Snippets.normalise(Files.readString(ROOT.resolve("demo/src/main/resources/logback.xml")));
        assertThat(demo.lines()
                        .filter(line -> !line.toLowerCase(Locale.ROOT).contains("kafka")
                                && !line.contains("state.change.logger")
                                && !line.contains("CircuitBreakers"))
                        .collect(Collectors.joining("\n")))
                .isEqualTo(logback);
        assertThat(logback.lines()).hasSizeLessThanOrEqualTo(6);
    }

    @Test
    void gettingStartedPom_compilesAtJava17_withTheVersionsThisBuildPins() throws IOException {
        String pom = Snippets.blocks(Files.readString(ROOT.resolve("docs/getting-started.md")), "xml").stream()
                .map(Snippets.Block::text)
                .filter(text -> text.contains("<artifactId>rpc-bootstrap</artifactId>"))
                .findFirst()
                .orElseThrow();
        String parent = Files.readString(ROOT.resolve("pom.xml"));

        assertThat(pom)
                .contains("<maven.compiler.release>17</maven.compiler.release>")
                .contains("<groupId>io.courier</groupId>")
                .contains("<version>" + tag(parent, "version") + "</version>")
                .contains("<version>" + tag(parent, "logback.version") + "</version>");
    }

    @Test
    void aRunOfLinesOfAFileShownWhole_isARegion_butNotOneEditedOnThePage() {
        String program = SHOWN_WHOLE.get("io/courier/examples/guide/GettingStarted.java");
        List<String> lines = program.lines().toList();
        String run = Snippets.normalise(String.join("\n", lines.subList(lines.size() - 12, lines.size() - 3)));
        String edited = run.replace("\"shop\"", "\"shoop\"");

        assertThat(run).contains("\"shop\"");
        assertThat(Snippets.runOf(run, SHOWN_WHOLE)).contains("io/courier/examples/guide/GettingStarted.java");
        assertThat(Snippets.runOf(edited, SHOWN_WHOLE)).isEmpty();
    }

    /** The examples' regions (their main and test code) and the files the getting-started page shows whole. */
    private static Map<String, String> regions() {
        Map<String, String> regions = new HashMap<>(
                Snippets.regions(List.of(Path.of("src", "main", "java"), Path.of("src", "test", "java"))));
        regions.putAll(SHOWN_WHOLE);
        return regions;
    }

    /** The text of the first {@code <name>} element after the parent declaration's. */
    private static String tag(String pom, String name) {
        int from = pom.indexOf("<artifactId>courier-parent</artifactId>");
        int start = pom.indexOf("<" + name + ">", from) + name.length() + 2;
        return pom.substring(start, pom.indexOf("</" + name + ">", start));
    }
}

package io.courier.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of docs/getting-started.md, docs/user-guide.md, docs/extending.md and docs/testing.md
 * is a region of a file of this module, which the build compiles: a snippet that is edited in the
 * page, or whose code changes in the examples, fails here. The pages' logback.xml is the one the
 * examples and the demo use, and their pom builds at Java 17.
 */
class DocSnippetsTest {

    private static final Path ROOT = Path.of("..");
    private static final List<String> PAGES =
            List.of("docs/getting-started.md", "docs/user-guide.md", "docs/extending.md", "docs/testing.md");
    private static final Map<String, String> REGIONS = Snippets.regions(List.of(
            // the user service the getting-started page shows whole lives in examples/model
            Path.of("src", "main", "java"), Path.of("model", "src", "main", "java"), Path.of("src", "test", "java")));

    @Test
    void everyJavaBlockOfTheGuides_isARegionOfCompiledExampleCode() throws IOException {
        List<String> problems = new ArrayList<>();
        int blocks = 0;
        for (String page : PAGES) {
            String markdown = Files.readString(ROOT.resolve(page));
            blocks += Snippets.blocks(markdown, "java").size();
            problems.addAll(Snippets.unmatched(page, markdown, REGIONS));
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
                List<String> files = REGIONS.entrySet().stream()
                        .filter(region -> region.getValue().equals(block.text()))
                        .map(region -> Path.of(region.getKey().replaceFirst("#.*", ""))
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
        String region = REGIONS.get("io/courier/examples/guide/GettingStarted.java#main");
        assertThat(region).isNotNull();
        String page = "# p\n\n```java\n" + region + "\n```\n\n```java\n" + region.replace("\"shop\"", "\"shoop\"")
                + "\n```\n";

        List<String> problems = Snippets.unmatched("page.md", page, REGIONS);

        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith("page.md:")
                .contains("nearest: io/courier/examples/guide/GettingStarted.java#main")
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

    /** The text of the first {@code <name>} element after the parent declaration's. */
    private static String tag(String pom, String name) {
        int from = pom.indexOf("<artifactId>courier-parent</artifactId>");
        int start = pom.indexOf("<" + name + ">", from) + name.length() + 2;
        return pom.substring(start, pom.indexOf("</" + name + ">", start));
    }
}

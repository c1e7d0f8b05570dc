package io.courier.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The user projects of issue 43 ({@code user-projects/}, built by the reactor without Courier's parent)
 * are what the pages tell a user to write: getting-started's project is its page's {@code pom.xml},
 * {@code logback.xml} and program, file for file, and the pins a project needs on Maven 3.8 (where the
 * default compiler plugin ignores {@code maven.compiler.release} and the default Surefire runs no JUnit 5
 * test) are the versions this build uses.
 */
class UserProjectsTest {

    private static final Path ROOT = Path.of("..");
    private static final Path GETTING_STARTED = ROOT.resolve("user-projects/getting-started");
    private static final Path TESTKIT = ROOT.resolve("user-projects/testkit-junit510");
    /** What the project adds to the page's pom, for CI alone: a build of the repository installs nothing of it. */
    private static final List<String> CI_ONLY =
            List.of("<maven.install.skip>true</maven.install.skip>", "<maven.deploy.skip>true</maven.deploy.skip>");

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);");
    private static final Pattern TYPE =
            Pattern.compile("^public (?:final |abstract )?(?:class|interface|record|enum) (\\w+)", Pattern.MULTILINE);

    @Test
    void gettingStartedProject_hasThePagesPom_butForTheTwoSkipProperties() throws IOException {
        String projectPom = Files.readString(GETTING_STARTED.resolve("pom.xml"));

        assertThat(projectPom.lines().filter(line -> CI_ONLY.contains(line.strip())))
                .hasSize(2);
        assertThat(Snippets.normalise(withoutCiOnlyLines(projectPom))).isEqualTo(pagePom());
    }

    @Test
    void gettingStartedProject_hasThePagesProgram_fileForFile_andItsLogbackXml() throws IOException {
        String page = Files.readString(ROOT.resolve("docs/getting-started.md"));
        Path sources = GETTING_STARTED.resolve("src/main/java");
        List<Path> expected = Snippets.blocks(page, "java").stream()
                .map(Snippets.Block::text)
                .filter(text -> text.startsWith("package "))
                .map(text -> fileOf(sources, text))
                .toList();

        assertThat(expected).hasSizeGreaterThanOrEqualTo(7);
        for (Snippets.Block block : Snippets.blocks(page, "java")) {
            if (block.text().startsWith("package ")) {
                Path file = fileOf(sources, block.text());
                assertThat(file)
                        .as("the class of docs/getting-started.md:" + block.line())
                        .exists();
                assertThat(Snippets.normalise(Files.readString(file)))
                        .as(file + " and the block at docs/getting-started.md:" + block.line())
                        .isEqualTo(block.text());
            }
        }
        try (Stream<Path> files = Files.walk(sources)) {
            assertThat(files.filter(Files::isRegularFile).map(Path::normalize))
                    .as("the project's program is the page's, nothing more")
                    .containsExactlyInAnyOrderElementsOf(
                            expected.stream().map(Path::normalize).toList());
        }
        assertThat(Snippets.blocks(page, "xml"))
                .extracting(Snippets.Block::text)
                .contains(Snippets.normalise(
                        Files.readString(GETTING_STARTED.resolve("src/main/resources/logback.xml"))));
    }

    @Test
    void gettingStartedPom_pinsTheCompilerAndSurefire_thatMaven38Lacks_atThisBuildsVersions() throws IOException {
        String pom = pagePom();
        String parent = Files.readString(ROOT.resolve("pom.xml"));

        assertThat(versionOf(pom, "maven-compiler-plugin")).isEqualTo(property(parent, "compiler-plugin.version"));
        assertThat(versionOf(pom, "maven-surefire-plugin")).isEqualTo(property(parent, "surefire.version"));
        assertThat(versionOf(pom, "junit-jupiter")).isEqualTo(property(parent, "junit.version"));
        assertThat(pom).doesNotContain("<parent>").doesNotContain("<pluginManagement>");
    }

    @Test
    void testkitProject_declaresTheOldestSupportedJUnit_afterCourierTest_withoutManagement() throws IOException {
        String pom = Files.readString(TESTKIT.resolve("pom.xml"));
        String kit = Files.readString(ROOT.resolve("integrations/courier-test/pom.xml"));
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        String testing = Files.readString(ROOT.resolve("docs/testing.md"));

        assertThat(pom).doesNotContain("<parent>").doesNotContain("<dependencyManagement>");
        assertThat(pom.indexOf("<artifactId>courier-test</artifactId>"))
                .isPositive()
                .isLessThan(pom.indexOf("<artifactId>junit-jupiter</artifactId>"));
        assertThat(versionOf(pom, "junit-jupiter")).isEqualTo(property(kit, "junit.version"));
        assertThat(versionOf(pom, "maven-surefire-plugin")).isEqualTo(property(parent, "surefire.version"));
        assertThat(testing)
                .as("docs/testing.md names the JUnit releases the kit supports and the Surefire it needs")
                .contains("JUnit " + property(kit, "junit.version"))
                .contains("<version>" + property(parent, "surefire.version") + "</version>")
                .contains("<version>" + property(parent, "assertj.version") + "</version>");
    }

    private static String pagePom() throws IOException {
        return Snippets.blocks(Files.readString(ROOT.resolve("docs/getting-started.md")), "xml").stream()
                .map(Snippets.Block::text)
                .filter(text -> text.startsWith("<project"))
                .findFirst()
                .orElseThrow();
    }

    private static String withoutCiOnlyLines(String pom) {
        return String.join(
                "\n",
                pom.lines().filter(line -> !CI_ONLY.contains(line.strip())).toList());
    }

    private static Path fileOf(Path sources, String java) {
        Matcher pkg = PACKAGE.matcher(java);
        Matcher type = TYPE.matcher(java);
        assertThat(pkg.find() && type.find()).as("a whole file: " + java).isTrue();
        return sources.resolve(pkg.group(1).replace('.', '/')).resolve(type.group(1) + ".java");
    }

    /** The version of the first dependency or plugin {@code artifactId} of {@code pom}. */
    private static String versionOf(String pom, String artifactId) {
        String marker = "<artifactId>" + artifactId + "</artifactId>";
        int at = pom.indexOf(marker);
        assertThat(at).as(marker).isNotNegative();
        int start = pom.indexOf("<version>", at) + "<version>".length();
        return pom.substring(start, pom.indexOf("</version>", start));
    }

    private static String property(String pom, String name) {
        int start = pom.indexOf("<" + name + ">");
        assertThat(start).as(name).isNotNegative();
        start += name.length() + 2;
        return pom.substring(start, pom.indexOf("</" + name + ">", start));
    }
}

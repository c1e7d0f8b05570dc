package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * courier-bom has no parent (importing it must not import the build's test libraries), so its
 * versions are written twice: this keeps them equal to the ones the build tests with.
 */
class BomVersionsTest {

    private static final Path ROOT = Path.of("..");

    @ParameterizedTest
    @ValueSource(strings = {"netty.version", "curator.version", "zookeeper.version", "slf4j.version"})
    void bomPinsTheVersionTheBuildTestsWith(String property) throws IOException {
        assertThat(property(ROOT.resolve("courier-bom/pom.xml"), property))
                .isEqualTo(property(ROOT.resolve("pom.xml"), property));
    }

    @ParameterizedTest
    @ValueSource(strings = {"courier-bom/pom.xml", "courier-bom/check/pom.xml"})
    void bomAndItsCheckHaveTheBuildsVersion(String pom) throws IOException {
        String build = firstMatch(ROOT.resolve("pom.xml"), "<version>([^<]+)</version>");
        assertThat(firstMatch(ROOT.resolve(pom), "<version>([^<]+)</version>")).isEqualTo(build);
    }

    private static String property(Path pom, String name) throws IOException {
        return firstMatch(pom, "<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">");
    }

    private static String firstMatch(Path pom, String regex) throws IOException {
        Matcher matcher = Pattern.compile(regex).matcher(Files.readString(pom));
        assertThat(matcher.find()).as("%s in %s", regex, pom).isTrue();
        return matcher.group(1);
    }
}

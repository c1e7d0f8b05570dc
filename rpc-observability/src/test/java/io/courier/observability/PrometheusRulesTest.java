package io.courier.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/observability/prometheus/courier-rules.yml checked and unit-tested by Debian's
 * {@code promtool}, and held to the product's rules: every alert has {@code for:}, a severity, a
 * runbook anchor that docs/observability.md has, and at least one unit test; the Prometheus
 * operator's copy (deploy/kubernetes) holds the same groups.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrometheusRulesTest {

    private static final Path RULES = DebianTools.RULES_DIR.resolve("courier-rules.yml");
    private static final Path TESTS = DebianTools.RULES_DIR.resolve("courier-rules-test.yml");
    private static final Path DOCS = Path.of("..", "docs", "observability.md");
    private static final Path OPERATOR_RULE =
            Path.of("..", "deploy", "kubernetes", "components", "prometheus-operator", "prometheus-rule.yaml");

    @Test
    void promtool_checksAndUnitTestsTheRules() throws Exception {
        Path promtool = DebianTools.require(DebianTools.PROMTOOL, "prometheus");

        DebianTools.Result check =
                DebianTools.run(DebianTools.RULES_DIR, promtool.toString(), "check", "rules", "courier-rules.yml");
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + alerts().size() + " rules found");

        DebianTools.Result test =
                DebianTools.run(DebianTools.RULES_DIR, promtool.toString(), "test", "rules", "courier-rules-test.yml");
        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void everyAlert_hasFor_aSeverity_aDocumentedRunbook_andAUnitTest() throws Exception {
        String docs = Files.readString(DOCS).toLowerCase(Locale.ROOT);
        String tests = Files.readString(TESTS);
        List<Map<String, Object>> alerts = alerts();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(8);
        for (Map<String, Object> alert : alerts) {
            String name = (String) alert.get("alert");
            assertThat(alert.get("for")).as(name + " for:").isNotNull();
            assertThat(labels(alert, "labels")).as(name).containsKey("severity");
            assertThat(labels(alert, "labels").get("severity")).as(name).isIn("warning", "critical");
            String runbook = labels(alert, "annotations").get("runbook");
            assertThat(runbook).as(name).isEqualTo("docs/observability.md#" + name.toLowerCase(Locale.ROOT));
            assertThat(docs)
                    .as("docs/observability.md has a heading for " + name)
                    .contains("### " + name.toLowerCase(Locale.ROOT));
            assertThat(tests).as("a unit test of " + name).contains("alertname: " + name);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusOperatorRule_holdsTheSameGroupsAsTheRulesFile() throws Exception {
        Map<String, Object> rule = new Yaml().load(Files.readString(OPERATOR_RULE));
        Map<String, Object> file = new Yaml().load(Files.readString(RULES));
        assertThat(rule.get("kind")).isEqualTo("PrometheusRule");
        assertThat(((Map<String, Object>) rule.get("spec")).get("groups")).isEqualTo(file.get("groups"));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alerts() throws Exception {
        Map<String, Object> file = new Yaml().load(Files.readString(RULES));
        return ((List<Map<String, Object>>) file.get("groups"))
                .stream()
                        .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
                        .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> labels(Map<String, Object> alert, String key) {
        return (Map<String, String>) alert.get(key);
    }
}

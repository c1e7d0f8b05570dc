package io.courier.core.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.LiveKeys;
import io.courier.api.LiveSettings;
import io.courier.api.config.ConfigKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigParserTest {

    @Test
    void fullDocument_isParsed() throws Exception {
        DynamicConfig config = parse(
                """
                version: 1
                weights: {"10.0.0.1:20880": 200}
                disabled: ["10.0.0.2:20880"]
                tagRoutes: {"10.0.0.1:20880": [canary, blue]}
                conditionRules: ["method = find* => host = 10.0.0.1"]
                limits: {rate-limit.qps: 500, circuit-breaker.ratio: 0.5, tracing: true, name: x}
                """);
        assertThat(config.version()).isEqualTo(1);
        assertThat(config.weights()).isEqualTo(Map.of(Endpoint.of("10.0.0.1", 20880), 200));
        assertThat(config.disabled()).isEqualTo(Set.of(Endpoint.of("10.0.0.2", 20880)));
        assertThat(config.tagRoutes()).isEqualTo(Map.of(Endpoint.of("10.0.0.1", 20880), Set.of("canary", "blue")));
        assertThat(config.conditionRules()).isEqualTo(List.of("method = find* => host = 10.0.0.1"));
        assertThat(config.limits())
                .isEqualTo(Map.of(
                        "rate-limit.qps", "500", "circuit-breaker.ratio", "0.5", "tracing", "true", "name", "x"));
    }

    @Test
    void jsonDocument_isParsedToo() throws Exception {
        assertThat(parse("{\"version\": 1, \"disabled\": [\"h:1\"]}").disabled())
                .containsExactly(Endpoint.of("h", 1));
    }

    @Test
    void emptyData_meansNoConfiguration() throws Exception {
        assertThat(ConfigParser.parse(new byte[0])).isEqualTo(DynamicConfig.EMPTY);
        assertThat(parse("  \n")).isEqualTo(DynamicConfig.EMPTY);
        assertThat(parse("version: 1\n")).isEqualTo(DynamicConfig.EMPTY);
    }

    @Test
    void yaml11Surprises_stayText() throws Exception {
        // sexagesimal, octal-looking, yes/no and dates are strings under the core schema
        DynamicConfig config =
                parse("version: 1\nlimits: {a: 1:20, b: 0777, c: yes, d: 2024-01-01, e: ~}\n".replace(", e: ~", ""));
        assertThat(config.limits()).isEqualTo(Map.of("a", "1:20", "b", "0777", "c", "yes", "d", "2024-01-01"));
        assertThat(parse("version: 1\nweights: {1:20: 5}\n").weights()).containsKey(Endpoint.of("1", 20));
    }

    @Test
    void weightZero_isAccepted() throws Exception {
        assertThat(parse("version: 1\nweights: {\"h:1\": 0}\n").weights()).containsEntry(Endpoint.of("h", 1), 0);
    }

    @Test
    void defects_areRefusedNamingTheField() {
        assertThatThrownBy(() -> parse("weights: {}\n")).hasMessage("config.version: missing (expected: a value)");
        assertThatThrownBy(() -> parse("version: \"1\"\n")).hasMessage("config.version: '1' (expected: an integer)");
        assertThatThrownBy(() -> parse("version: 1\nextra: 1\n")).hasMessageStartingWith("config.extra: unknown field");
        assertThatThrownBy(() -> parse("version: 1\nweights: {\"h:1\": 10001}\n"))
                .hasMessage("config.weights.h:1: 10001 (expected: 0 to 10000)");
        assertThatThrownBy(() -> parse("version: 1\nweights: {\"nohost\": 1}\n"))
                .hasMessage("config.weights.nohost: 'nohost' (expected: host:port)");
        assertThatThrownBy(() -> parse("version: 1\ntagRoutes: {\"h:1\": [\"\"]}\n"))
                .hasMessage("config.tagRoutes.h:1[0]: '' (expected: not blank)");
        assertThatThrownBy(() -> parse("version: 1\nlimits: {a: [1]}\n"))
                .hasMessage("config.limits.a: a list (expected: a string, number or boolean)");
        assertThatThrownBy(() -> parse("version: 1\nlimits: {a: 1, a: 2}\n"))
                .hasMessageContaining("found duplicate key a");
        assertThatThrownBy(() -> parse("- 1\n")).hasMessage("config: a list (expected: a mapping)");
    }

    @Test
    void liveSettings_areSpeltAsTheirKeys_andTheOlderCamelCaseReadsAlike() throws Exception {
        DynamicConfig kebab = parse(
                """
                version: 1
                timeout-millis: 800
                retries: 1
                load-balancer: roundrobin
                breaker: {failure-rate-threshold: 30, half-open-calls: 2}
                tag-routes: {"10.0.0.1:20880": [canary]}
                condition-rules: ["method = find* => host = 10.0.0.1"]
                """);
        DynamicConfig camel = parse(
                """
                version: 1
                timeoutMillis: 800
                retries: 1
                loadBalancer: roundrobin
                breaker: {failureRateThreshold: 30, halfOpenCalls: 2}
                tagRoutes: {"10.0.0.1:20880": [canary]}
                conditionRules: ["method = find* => host = 10.0.0.1"]
                """);

        assertThat(kebab).isEqualTo(camel);
        assertThat(kebab.live())
                .isEqualTo(new LiveSettings(
                        800, 1, "roundrobin", Map.of("failure-rate-threshold", 30L, "half-open-calls", 2L)));
        assertThat(kebab.conditionRules()).hasSize(1);
        assertThat(kebab.tagRoutes()).hasSize(1);
    }

    @Test
    void aFieldSpeltBothWays_isRefused() {
        assertThatThrownBy(() -> parse("version: 1\ntimeout-millis: 800\ntimeoutMillis: 900\n"))
                .hasMessage("config.timeoutMillis: set twice, also as timeout-millis (expected: one spelling,"
                        + " timeout-millis)");
    }

    @Test
    void aLiveValueOutsideItsKeysRange_isRefusedWithTheKeysOwnMessage() {
        Map<String, ConfigKey<?>> cases = Map.of(
                "timeout-millis: -5", LiveKeys.TIMEOUT_MILLIS,
                "timeoutMillis: 0", LiveKeys.TIMEOUT_MILLIS,
                "retries: 101", LiveKeys.RETRIES,
                "load-balancer: Round Robin", LiveKeys.LOAD_BALANCER,
                "breaker: {failure-rate-threshold: 0}", LiveKeys.BREAKER_FAILURE_RATE_THRESHOLD,
                "breaker: {halfOpenCalls: 1001}", LiveKeys.BREAKER_HALF_OPEN_CALLS);
        cases.forEach((line, key) -> {
            String field = line.substring(0, line.indexOf(':'));
            String value =
                    line.substring(line.lastIndexOf(':') + 1).replace("}", "").strip();
            String path = field.equals("breaker")
                    ? "config.breaker." + line.substring(line.indexOf('{') + 1, line.lastIndexOf(':'))
                    : "config." + field;
            String origin = "document field " + path;
            Throwable keys = catchThrowable(() -> key.parse(value, key.name(), origin));

            assertThatThrownBy(() -> parse("version: 1\n" + line + "\n"))
                    .isInstanceOf(DocumentException.class)
                    .hasMessage(keys.getMessage())
                    .hasMessageStartingWith(key.name() + ": ");
        });
        assertThatThrownBy(() -> parse("version: 1\nretries: [1]\n"))
                .hasMessage("courier.consumer.retries: a list (expected: an integer 0 to 100)"
                        + " [document field config.retries]");
    }

    @Test
    void constructorTagsAndAliasBombs_areRefused() {
        assertThatThrownBy(
                        () -> parse(
                                "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]"))
                .isInstanceOf(DocumentException.class)
                .hasMessageContaining("Global tag is not allowed");
        assertThatThrownBy(() -> parse("version: 1\nlimits: !custom {a: 1}\n")).isInstanceOf(DocumentException.class);
        StringBuilder bomb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c)
                    .append(": &")
                    .append(c)
                    .append(" [*")
                    .append(p)
                    .append(",*")
                    .append(p)
                    .append(",*")
                    .append(p)
                    .append(",*")
                    .append(p)
                    .append(",*")
                    .append(p)
                    .append("]\n");
        }
        assertThatThrownBy(() -> parse(bomb.toString())).isInstanceOf(DocumentException.class);
    }

    @Test
    void oversizedDocument_isRefused() {
        String big = "version: 1\nconditionRules: [\"" + "x".repeat(ConfigParser.MAX_CHARS) + "\"]\n";
        assertThatThrownBy(() -> parse(big)).hasMessageContaining("expected: at most " + ConfigParser.MAX_CHARS);
    }

    private static DynamicConfig parse(String text) throws DocumentException {
        return ConfigParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }
}

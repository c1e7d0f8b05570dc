package io.courier.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.observability.fixtures.BackService;
import io.courier.testkit.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The container images' logback configuration (deploy/images/container/courier-logback.xml), whose
 * default is JSON, on a run of a traced provider and consumer in a JVM of its own: every line it
 * writes is one JSON object with the documented fields, and the lines logged while a call is served
 * carry that call's trace id, span id and service.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JsonLogsTest {

    private static final Path IMAGES_LOGBACK = Path.of("..", "deploy", "images", "container", "courier-logback.xml");

    @Test
    void imagesLogbackConfiguration_writesOneJsonObjectPerLine_withTheCallsTraceIds() throws Exception {
        List<String> lines;
        try (OtlpReceiver receiver = new OtlpReceiver();
                ChildJvm run = ChildJvm.start(
                        JsonLogRun.class,
                        List.of(
                                "-Dlogback.configurationFile=" + IMAGES_LOGBACK.toAbsolutePath(),
                                "-Dcourier.application.name=json-demo"),
                        receiver.endpoint())) {
            assertThat(run.awaitExit(Duration.ofSeconds(45))).as(run.output()).hasValue(0);
            lines = run.lines();
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            JsonNode event;
            try {
                event = json.readTree(line);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not a JSON line: " + line + "\nin:\n" + String.join("\n", lines), e);
            }
            assertThat(event.isObject()).as(line).isTrue();
            assertThat(event.fieldNames())
                    .toIterable()
                    .as(line)
                    .contains("timestamp", "level", "logger", "thread", "message", "application");
            assertThat(event.path("application").asText()).isEqualTo("json-demo");
            events.add(event);
        }
        assertThat(events)
                .as("Courier's own start-up lines are there")
                .anyMatch(event -> event.path("message").asText().startsWith("Courier application"));

        List<JsonNode> served = events.stream()
                .filter(event -> event.path("message").asText().startsWith("serving order"))
                .toList();
        List<JsonNode> answered = events.stream()
                .filter(event -> event.path("message").asText().startsWith("order "))
                .filter(event -> event.path("message").asText().contains("was served in trace"))
                .toList();
        assertThat(served).hasSize(3);
        assertThat(answered).hasSize(3);
        for (int i = 0; i < 3; i++) {
            String traceId = answered.get(i).path("message").asText().replaceAll(".* ", "");
            assertThat(served.get(i).path("trace_id").asText())
                    .isEqualTo(traceId)
                    .matches("[0-9a-f]{32}");
            assertThat(served.get(i).path("span_id").asText()).matches("[0-9a-f]{16}");
            assertThat(served.get(i).path("service").asText()).isEqualTo(BackService.class.getName());
            assertThat(answered.get(i).has("trace_id"))
                    .as("the consumer's line is outside any server span")
                    .isFalse();
        }
        JsonNode refused = events.stream()
                .filter(event -> event.path("message").asText().equals("order refused"))
                .findFirst()
                .orElseThrow();
        assertThat(refused.path("level").asText()).isEqualTo("WARN");
        assertThat(refused.path("exception").asText())
                .startsWith("java.lang.IllegalStateException: no such item: broken");
        assertThat(refused.path("trace_id").asText())
                .isEqualTo(served.get(1).path("trace_id").asText());
    }
}

package io.courier.core.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InstanceCodecTest {

    private static final ServiceInstance FULL = ServiceInstance.builder(
                    ServiceKey.parse("blue/io.example.Orders:2.0"), Endpoint.of("10.0.0.1", 20880))
            .application("shop \"eu\"\n")
            .weight(250)
            .tags(Set.of("canary", "zone-a"))
            .startedAtMillis(1_700_000_000_123L)
            .warmupMillis(60_000)
            .serializers(List.of("protostuff", "hessian"))
            .methods(List.of("find(J)", "save(Lio/example/Order;)"))
            .protocolVersion(3)
            .metadata(Map.of("region", "eu-west", "note", "ü€ \\ \t"))
            .build();

    @Test
    void encodeDecode_roundTripsEveryField() throws Exception {
        assertThat(InstanceCodec.decode(InstanceCodec.encode(FULL))).isEqualTo(FULL);
    }

    @Test
    void encoding_isPrintableAsciiJsonWithTheFormatFirst() {
        String text = new String(InstanceCodec.encode(FULL), StandardCharsets.US_ASCII);
        assertThat(text).startsWith("{\"format\": 1, \"serviceKey\": \"blue/io.example.Orders:2.0\"");
        assertThat(text.chars()).allMatch(c -> c >= 0x20 && c < 0x7F);
        assertThat(text).contains("\"tags\": [\"canary\", \"zone-a\"]").contains("\\u20ac");
    }

    @Test
    void equalInstances_encodeToEqualBytes() {
        ServiceInstance reordered = FULL.toBuilder()
                .tags(Set.of("zone-a", "canary"))
                .metadata(Map.of("note", "ü€ \\ \t", "region", "eu-west"))
                .build();
        assertThat(InstanceCodec.encode(reordered)).isEqualTo(InstanceCodec.encode(FULL));
    }

    @Test
    void unknownFields_areIgnoredForForwardCompatibility() throws Exception {
        String text = new String(InstanceCodec.encode(FULL), StandardCharsets.US_ASCII)
                .replace("{\"format\": 1,", "{\"format\": 1, \"addedLater\": {\"x\": [1, 2]},");
        assertThat(InstanceCodec.decode(text.getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(FULL);
    }

    @Test
    void minimalDocument_takesTheDefaults() throws Exception {
        ServiceInstance decoded = InstanceCodec.decode(
                "{\"format\": 1, \"serviceKey\": \"a.B\", \"endpoint\": \"h:1\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(decoded)
                .isEqualTo(ServiceInstance.builder(ServiceKey.parse("a.B"), Endpoint.of("h", 1))
                        .build());
    }

    @Test
    void otherFormatsAndDefects_areRefusedWithTheField() {
        assertThatThrownBy(() -> decode("{\"format\": 2, \"serviceKey\": \"a.B\", \"endpoint\": \"h:1\"}"))
                .hasMessage("instance.format: 2 (expected: 1)");
        assertThatThrownBy(() -> decode("{\"serviceKey\": \"a.B\", \"endpoint\": \"h:1\"}"))
                .hasMessageContaining("instance.format: missing");
        assertThatThrownBy(() -> decode("{\"format\": 1, \"serviceKey\": \"a.B\", \"endpoint\": \"h\"}"))
                .hasMessageContaining("endpoint: 'h'");
        assertThatThrownBy(
                        () -> decode("{\"format\": 1, \"serviceKey\": \"a.B\", \"endpoint\": \"h:1\", \"weight\": 0}"))
                .hasMessageContaining("instance.weight: 0 (expected: 1 to 10000)");
        assertThatThrownBy(() ->
                        decode("{\"format\": 1, \"serviceKey\": \"a.B\", \"endpoint\": \"h:1\", \"tags\": \"x\"}"))
                .hasMessageContaining("instance.tags: 'x' (expected: a list of strings)");
        assertThatThrownBy(() -> decode("[1, 2]")).hasMessageContaining("expected: a mapping");
        assertThatThrownBy(() -> decode("{\"format\": 1, \"serviceKey\": \"a.B\", \"endpo"))
                .isInstanceOf(DocumentException.class);
        assertThatThrownBy(() -> InstanceCodec.decode(new byte[0])).hasMessageContaining("no data");
    }

    @Test
    void javaTypeTags_areRefused() {
        assertThatThrownBy(() -> decode("!!java.util.ArrayList []")).hasMessageContaining("Global tag is not allowed");
    }

    @Test
    void sharedValues_areInternedAcrossInstances() throws Exception {
        Interner interner = new Interner();
        ServiceInstance first = InstanceCodec.decode(InstanceCodec.encode(FULL), interner);
        ServiceInstance second =
                InstanceCodec.decode(InstanceCodec.encode(FULL.toBuilder().build()), interner);
        assertThat(second.methods()).isSameAs(first.methods());
        assertThat(second.serviceKey()).isSameAs(first.serviceKey());
        assertThat(second.serializers()).isSameAs(first.serializers());
    }

    private static ServiceInstance decode(String text) throws DocumentException {
        return InstanceCodec.decode(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nodeData_takesTheJsonFastPath_andReadsToTheSameInstance() throws Exception {
        String text = new String(InstanceCodec.encode(FULL), StandardCharsets.UTF_8);

        assertThat(JsonReader.read(text)).isNotNull();
        assertThat(InstanceCodec.decode(InstanceCodec.encode(FULL))).isEqualTo(FULL);
    }
}

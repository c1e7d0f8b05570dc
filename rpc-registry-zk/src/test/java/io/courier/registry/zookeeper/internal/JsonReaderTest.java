package io.courier.registry.zookeeper.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "[]",
                "{\"a\": 1, \"b\": [true, false, null], \"c\": {\"d\": \"e\"}}",
                "{\"small\": -2147483648, \"long\": 2147483648, \"big\": 92233720368547758070}",
                "{\"escapes\": \"q\\\" s\\\\ \\b\\f\\n\\r\\t \\u00e9 \\u20ac\"}",
                "  {\"spaced\" :\n [ 1 , 2 ]\r\n}  ",
                "{\"looks like YAML\": \"10.0.0.1:20880\", \"yes\": \"no\", \"date\": \"2024-01-01\"}",
                "\"just a string\"",
                "0",
                "-0"
            })
    void acceptedDocuments_giveWhatSafeYamlGives(String text) throws Exception {
        Object json = JsonReader.read(text);

        assertThat(json).isNotNull().isEqualTo(SafeYaml.yaml(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "{\"a\": 1, \"a\": 2}",
                "{\"a\": 1,}",
                "[1, 2,]",
                "{a: 1}",
                "{\"a\": 01}",
                "{\"a\": 1.5}",
                "{\"a\": 1e5}",
                "{\"a\": \"tab\there\"}",
                "{\"a\":\t1}",
                "{\"a\": \"\u00e9\"}",
                "{\"a\": \"\\ud800\"}",
                "{\"a\": \"\\x41\"}",
                "{\"a\": \"\\/\"}",
                "{\"a\": \"unterminated}",
                "{\"a\": 1} trailing",
                "{\"a\": tru}",
                "!!javax.script.ScriptEngineManager [x]",
                "a: 1",
                "[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]"
            })
    void anythingElse_isLeftToSafeYaml(String text) {
        assertThat(JsonReader.read(text)).isNull();
    }

    @Test
    void nodeData_readsToTheSameInstance() throws Exception {
        ServiceInstance instance = ServiceInstance.builder(
                        ServiceKey.parse("io.example.Orders"), Endpoint.of("10.0.0.1", 20_880))
                .application("shop \"quoted\" caf\u00e9")
                .weight(7)
                .tags(Set.of("blue", "canary"))
                .startedAtMillis(1_700_000_000_000L)
                .serializers(List.of("protostuff"))
                .methods(List.of("find(J)"))
                .metadata(Map.of("zone", "eu-1", "note", "a\nb"))
                .build();
        String text = new String(InstanceCodec.encode(instance), StandardCharsets.US_ASCII);

        assertThat(JsonReader.read(text)).isNotNull().isEqualTo(SafeYaml.yaml(text));
        assertThat(InstanceCodec.decode(InstanceCodec.encode(instance))).isEqualTo(instance);
    }
}

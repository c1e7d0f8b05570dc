package io.courier.core.document;

import static org.assertj.core.api.Assertions.assertThat;

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
}

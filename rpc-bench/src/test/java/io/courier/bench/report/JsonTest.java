package io.courier.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parse_readsNestedValues() {
        Object value =
                Json.parse("[ {\"a\": 1.5e3, \"b\": [true, false, null], \"c\": \"x\\\"y\\u00b7z\", \"d\": {}}, [] ]");

        assertThat(value)
                .isEqualTo(List.of(
                        Map.of("a", 1500.0, "b", Arrays.asList(true, false, null), "c", "x\"y\u00b7z", "d", Map.of()),
                        List.of()));
    }

    @Test
    void parse_namesTheOffsetOfAnError() {
        assertThatThrownBy(() -> Json.parse("{\"a\" 1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JSON offset 5 (expected: ':')");
        assertThatThrownBy(() -> Json.parse("[1] x")).hasMessage("JSON offset 4 (expected: end of input)");
        assertThatThrownBy(() -> Json.parse("\"open")).hasMessage("JSON offset 5 (expected: a closing quote)");
    }
}

package io.courier.core.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.DynamicConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConfigLayersTest {

    private final ConfigLayers layers = new ConfigLayers(2);

    @Test
    void mergesOnceEveryLayerReported_laterLayersWinning_andOnlyOnAChange() throws Exception {
        DynamicConfig base = config("version: 1\nweights: {\"10.0.0.1:20880\": 100}\ndisabled: [\"10.0.0.2:20880\"]\n");
        DynamicConfig top = config("version: 1\nweights: {\"10.0.0.1:20880\": 200}\n");

        assertThat(layers.set(1, top)).isNull();
        assertThat(layers.merged()).isNull();
        assertThat(layers.has(0)).isFalse();

        DynamicConfig merged = layers.set(0, base);
        assertThat(merged).isEqualTo(top.over(base));
        assertThat(layers.merged()).isEqualTo(merged);
        assertThat(layers.has(0)).isTrue();

        assertThat(layers.set(1, config("version: 1\nweights: {\"10.0.0.1:20880\": 200}\n")))
                .as("same merge")
                .isNull();
        assertThat(layers.set(1, DynamicConfig.EMPTY)).isEqualTo(base);
    }

    private static DynamicConfig config(String yaml) throws DocumentException {
        return ConfigParser.parse(yaml.getBytes(StandardCharsets.UTF_8));
    }
}

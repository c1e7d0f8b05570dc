package io.courier.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.KeyDeclaration;
import io.courier.api.config.KeyDeclarations;
import io.courier.api.config.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void apply_hidesASecretNested_dotted_quoted_orInAFlowMapping() {
        SecretMask mask = SecretMask.of(KeyDeclarations.of(
                List.of(KeyDeclaration.of(
                        ConfigKey.application("shop.api-token", ValueType.secretText(), null, "token"), "")),
                false));

        assertThat(mask.apply("settings:\n  shop:\n    api-token: abc\n    other: 1\n"))
                .isEqualTo("settings:\n  shop:\n    api-token: <hidden>\n    other: 1\n");
        assertThat(mask.apply("settings:\n  shop.api-token: 'abc'\n"))
                .isEqualTo("settings:\n  shop.api-token: <hidden>\n");
        assertThat(mask.apply("settings:\n  \"shop.api-token\": abc\n")).doesNotContain("abc");
        assertThat(mask.apply("settings: {shop: {api-token: abc, other: 1}}\n"))
                .isEqualTo("settings: {shop: {api-token: <hidden>, other: 1}}\n");
    }
}

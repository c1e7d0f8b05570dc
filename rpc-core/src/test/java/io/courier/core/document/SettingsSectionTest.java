package io.courier.core.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsSectionTest {

    @Test
    void parse_flattensNestedAndDottedNamesAlike() throws DocumentException {
        String text = "version: 1\ntimeout-millis: 800\nsettings:\n  shop:\n    discount-percent: 20\n"
                + "    new-checkout: true\n  logging.level.io.shop: DEBUG\n";

        assertThat(SettingsSection.parse(text))
                .containsExactly(
                        Map.entry("shop.discount-percent", "20"),
                        Map.entry("shop.new-checkout", "true"),
                        Map.entry("logging.level.io.shop", "DEBUG"));
        assertThat(ConfigParser.parse(text.getBytes(StandardCharsets.UTF_8))
                        .live()
                        .timeoutMillis())
                .isEqualTo(800);
    }

    @Test
    void parse_emptyOrWithoutSection_isEmpty() throws DocumentException {
        assertThat(SettingsSection.parse("")).isEmpty();
        assertThat(SettingsSection.parse("version: 1\nretries: 1\n")).isEmpty();
    }

    @Test
    void badSections_areRefusedByTheCentresParserToo() {
        String list = "version: 1\nsettings:\n  shop.tags: [a, b]\n";
        String twice = "version: 1\nsettings:\n  shop.x: 1\n  shop:\n    x: 2\n";
        String scalar = "version: 1\nsettings: 5\n";

        assertThatThrownBy(() -> ConfigParser.parse(list.getBytes(StandardCharsets.UTF_8)))
                .hasMessage("config.settings.shop.tags: a list (expected: a string, number or boolean)");
        assertThatThrownBy(() -> SettingsSection.parse(twice))
                .hasMessageContaining("config.settings.shop.x: set twice");
        assertThatThrownBy(() -> SettingsSection.parse(scalar)).hasMessageContaining("config.settings");
        assertThatThrownBy(() -> SettingsSection.parse("version: 1\nretries: -1\nsettings:\n  a: 1\n"))
                .hasMessageContaining("courier.consumer.retries");
    }
}

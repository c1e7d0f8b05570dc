package io.courier.bootstrap.internal.appconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigPrefix;
import io.courier.api.config.ConfigValue;
import io.courier.api.config.ValueType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The settings' values without a registry: documents handed in as text, as the feed hands them. */
class ApplicationSettingsTest {

    @ConfigPrefix("pay")
    record PaySettings(
            @ConfigValue(defaultValue = "3", min = 1, max = 10) int attempts,
            @ConfigValue(defaultValue = "1s") Duration pause,
            @ConfigValue(secret = true) String apiKey) {}

    record Unannotated(int x) {}

    @ConfigPrefix("bad")
    record BadType(Object value) {}

    private static final ConfigKey<String> URL =
            ConfigKey.application("pay.url", ValueType.nonEmpty("a URL"), "http://localhost", "where to pay");

    private static ApplicationSettings settings(Map<String, Object> configured) {
        SettingsDeclarations declared = SettingsDeclarations.of(List.of(URL), List.of(PaySettings.class));
        Map<String, Object> values = new java.util.HashMap<>();
        declared.keys().values().forEach(key -> values.put(key.name(), key.defaultValue()));
        values.putAll(configured);
        return new ApplicationSettings(declared, values, null);
    }

    @Test
    void centreWins_andRemovingItRestoresTheConfiguredValue() {
        try (ApplicationSettings settings = settings(Map.of("pay.attempts", 5))) {
            Supplier<PaySettings> pay = settings.bind(PaySettings.class);
            assertThat(pay.get()).isEqualTo(new PaySettings(5, Duration.ofSeconds(1), ""));

            settings.accept("version: 1\nsettings:\n  pay:\n    attempts: 7\n    pause: 250ms\n", "test");
            assertThat(pay.get()).isEqualTo(new PaySettings(7, Duration.ofMillis(250), ""));

            settings.accept("version: 1\n", "test");
            assertThat(pay.get()).isEqualTo(new PaySettings(5, Duration.ofSeconds(1), ""));
        }
    }

    @Test
    void badValue_keepsTheLastGood_countedOncePerText() {
        try (ApplicationSettings settings = settings(Map.of())) {
            settings.accept("version: 1\nsettings:\n  pay.attempts: 4\n", "test");
            settings.accept("version: 1\nsettings:\n  pay.attempts: 40\n", "test");
            settings.accept("version: 1\nsettings:\n  pay.attempts: 40\n  pay.url: http://pay\n", "test");

            assertThat(settings.bind(PaySettings.class).get().attempts()).isEqualTo(4);
            assertThat(settings.get(URL)).isEqualTo("http://pay");
            assertThat(settings.rejectedCount()).isEqualTo(1);
            assertThat(settings.rejectedValues()).containsExactly(Map.entry("pay.attempts", "'40'"));

            settings.accept("version: 1\nsettings:\n  pay.api-key: ''\n  pay.pause: soon\n", "test");
            assertThat(settings.rejectedCount()).isEqualTo(2);
            assertThat(settings.rejectedValues()).containsExactly(Map.entry("pay.pause", "'soon'"));
        }
    }

    @Test
    void unreadableDocument_isRefusedWhole() {
        try (ApplicationSettings settings = settings(Map.of())) {
            settings.accept("version: 1\nsettings:\n  pay.attempts: 6\n", "test");
            assertThat(settings.accept("version: 1\nsettings:\n  pay.attempts: [6]\n", "test"))
                    .isFalse();
            assertThat(settings.bind(PaySettings.class).get().attempts()).isEqualTo(6);
            assertThat(settings.rejectedCount()).isEqualTo(1);
        }
    }

    @Test
    void declarations_refuseWhatCannotBeBound() {
        assertThatThrownBy(() -> SettingsDeclarations.of(List.of(), List.of(Unannotated.class)))
                .hasMessageContaining("no prefix (expected: @ConfigPrefix(\"shop\") on the record)");
        assertThatThrownBy(() -> SettingsDeclarations.of(List.of(), List.of(BadType.class)))
                .hasMessageContaining("bad.value: java.lang.Object (expected: int, long, double, boolean");
        assertThatThrownBy(() -> ConfigKey.application("courier.x", ValueType.string(), "", ""))
                .hasMessageContaining("an application key outside courier.");
        try (ApplicationSettings settings = settings(Map.of())) {
            assertThatThrownBy(() -> settings.bind(Unannotated.class)).hasMessageContaining("not declared");
            assertThatThrownBy(() -> settings.get(ConfigKey.application("pay.other", ValueType.string(), "", "")))
                    .hasMessageContaining("pay.other: not declared");
        }
    }
}

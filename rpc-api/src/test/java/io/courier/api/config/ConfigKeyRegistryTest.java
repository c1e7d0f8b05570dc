package io.courier.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigKeyRegistryTest {

    static final ConfigKey<Integer> PORT =
            ConfigKey.of("courier.server.port", ValueType.integer(0, 65535), 20880, "20880", "The port.");
    static final ConfigKey<Long> TIMEOUT = ConfigKey.of(
                    "courier.consumer.timeout-millis", ValueType.longInteger(1, Long.MAX_VALUE), 3000L, "3000", "T.")
            .asLive();
    static final ConfigKey<Optional<Double>> QPS = FilterSettings.key(
            "rate-limit.qps", ValueType.orOff(ValueType.decimal(0, 100)), null, "(none)", "The rate.");
    static final ConfigKey<String> SECRET =
            FilterSettings.key("auth.token", ValueType.secret(16), null, "(none)", "A token.");

    /** A catalog of the given keys. */
    record Catalog(List<ConfigKey<?>> keys) implements ConfigKeyCatalog {}

    /** Another class, so that the duplicate's message names two owners. */
    record OtherCatalog(List<ConfigKey<?>> keys) implements ConfigKeyCatalog {}

    private final ConfigKeyRegistry registry =
            ConfigKeyRegistry.of(List.of(new Catalog(List.of(PORT, TIMEOUT)), new OtherCatalog(List.of(QPS, SECRET))));

    @Test
    void aKeyDeclaredByTwoCatalogs_failsNamingBoth() {
        assertThatThrownBy(() ->
                        ConfigKeyRegistry.of(List.of(new Catalog(List.of(PORT)), new OtherCatalog(List.of(PORT)))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("configuration key declared twice: courier.server.port")
                .hasMessageContaining(Catalog.class.getName())
                .hasMessageContaining(OtherCatalog.class.getName());
    }

    @Test
    void everyFormOfADeclaredKey_isRecognised() {
        assertThat(registry.match("courier.server.port")).contains(PORT);
        assertThat(registry.match("courier.filter.rate-limit.qps")).contains(QPS);
        assertThat(registry.match("courier.filter.getUser.rate-limit.qps")).contains(QPS);
        assertThat(registry.match("courier.filter.find(java.lang.String,int).rate-limit.qps"))
                .contains(QPS);
        assertThat(registry.match("courier.service.com.acme.Users.filter.rate-limit.qps"))
                .contains(QPS);
        assertThat(registry.match("courier.service.com.acme.Users.timeout-millis"))
                .contains(TIMEOUT);
        assertThat(registry.match("courier.server.prot")).isEmpty();
        assertThat(registry.findByEnvironmentName("COURIER_SERVER_PORT")).contains(PORT);
        assertThat(registry.declaredFilters()).containsExactlyInAnyOrder("rate-limit", "auth");
        assertThat(TIMEOUT.live()).isTrue();
        assertThat(PORT.live()).isFalse();
    }

    @Test
    void aMisspeltName_getsTheNearestDeclaredName_inItsOwnForm() {
        assertThat(registry.suggest("courier.server.prot")).contains("courier.server.port");
        assertThat(registry.suggest("courier.filter.rate-limit.qsp")).contains("courier.filter.rate-limit.qps");
        assertThat(registry.suggest("courier.filter.rate-limt.qps")).contains("courier.filter.rate-limit.qps");
        assertThat(registry.suggest("courier.filter.getUser.rate-limit.qsp"))
                .contains("courier.filter.getUser.rate-limit.qps");
        assertThat(registry.suggest("courier.service.com.acme.Users.filter.rate-limit.qsp"))
                .contains("courier.service.com.acme.Users.filter.rate-limit.qps");
        assertThat(registry.suggest("courier.service.com.acme.Users.timeout"))
                .contains("courier.service.com.acme.Users.timeout-millis");
        assertThat(registry.suggest("courier.service.com.acme.Users.timeout-milis"))
                .contains("courier.service.com.acme.Users.timeout-millis");
        assertThat(registry.suggest("courier.nothing.like.it")).isEmpty();
        assertThat(ConfigKeyRegistry.didYouMean(registry.suggest("courier.server.prot")))
                .isEqualTo("; did you mean courier.server.port?");
    }

    @Test
    void aBadValue_namesKeyValueExpectationAndOrigin_inOneFormat() {
        assertThatThrownBy(() -> PORT.parse("abc", PORT.name(), "system property"))
                .isInstanceOf(ConfigValueException.class)
                .hasMessage("courier.server.port: 'abc' (expected: an integer 0 to 65535) [system property]");
        assertThatThrownBy(() -> QPS.parse("-3", "courier.filter.getUser.rate-limit.qps", "builder"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("courier.filter.getUser.rate-limit.qps: -3 (expected: a number from 0.0 to 100.0, or off)"
                        + " [builder]");
        ConfigValueException secret = (ConfigValueException)
                org.assertj.core.api.Assertions.catchThrowable(() -> SECRET.parse("short-secret"));
        assertThat(secret.getMessage())
                .isEqualTo("courier.filter.auth.token: (hidden, 12 bytes) (expected: at least 16 bytes)")
                .doesNotContain("short-secret");
        assertThat(secret.key()).isEqualTo("courier.filter.auth.token");
        assertThat(secret.origin()).isNull();
    }

    @Test
    void off_liftsALimit_andOtherwiseTheInnerTypeDecides() {
        assertThat(QPS.parse("OFF")).isEmpty();
        assertThat(QPS.parse(" 2.5 ")).contains(2.5);
    }
}

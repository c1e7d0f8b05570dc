package io.courier.bootstrap.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which values the admin endpoint hides, and how it compares the token. */
class SecretsTest {

    private static ConfigEntry entry(String key, String value, boolean secret) {
        return new ConfigEntry(key, value, "builder", secret);
    }

    @Test
    void shown_hidesDeclaredSecrets_andKeysNamedLikeSecrets_butNotPathsOrPlainKeys() {
        assertThat(Secrets.shown(entry("courier.registry.digest-auth", "user:pw", true)))
                .isEqualTo("<hidden>");
        assertThat(Secrets.shown(entry("courier.filter.tenant.api-key", "k", false)))
                .isEqualTo("<hidden>");
        assertThat(Secrets.shown(entry("courier.filter.jwt.client-secret", "s", false)))
                .isEqualTo("<hidden>");
        assertThat(Secrets.shown(entry("courier.filter.db.password", "p", false)))
                .isEqualTo("<hidden>");
        assertThat(Secrets.shown(entry("courier.filter.auth.token", "t", false)))
                .isEqualTo("<hidden>");
        assertThat(Secrets.shown(entry("courier.server.tls.key-file", "/etc/tls/server.key", false)))
                .isEqualTo("/etc/tls/server.key");
        assertThat(Secrets.shown(entry("courier.server.port", "20880", false))).isEqualTo("20880");
        assertThat(Secrets.shown(entry("courier.admin.token", "", true))).isEmpty();
    }

    @Test
    void tokenMatches_onlyTheExactToken_andNothingWhenNoneIsConfigured() {
        assertThat(Secrets.tokenMatches("s3cret", "s3cret")).isTrue();
        assertThat(Secrets.tokenMatches("s3cre", "s3cret")).isFalse();
        assertThat(Secrets.tokenMatches("s3cret!", "s3cret")).isFalse();
        assertThat(Secrets.tokenMatches("S3CRET", "s3cret")).isFalse();
        assertThat(Secrets.tokenMatches(null, "s3cret")).isFalse();
        assertThat(Secrets.tokenMatches("", "")).isFalse();
        assertThat(Secrets.tokenMatches("anything", "")).isFalse();
    }

    @Test
    void optionsToString_neverShowsTheToken() {
        assertThat(new AdminOptions("127.0.0.1", 0, "s3cret").toString())
                .doesNotContain("s3cret")
                .contains("<hidden>");
    }
}

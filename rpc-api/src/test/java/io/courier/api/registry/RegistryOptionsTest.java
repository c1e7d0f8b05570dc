package io.courier.api.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RegistryOptionsTest {

    @Test
    void defaults_areTheDocumentedOnes() {
        RegistryOptions options = RegistryOptions.builder("embedded").build();
        assertThat(options.root()).isEqualTo("/courier");
        assertThat(options.sessionTimeoutMillis()).isEqualTo(30_000);
        assertThat(options.connectionTimeoutMillis()).isEqualTo(5_000);
        assertThat(options.digestAuth()).isEmpty();
        assertThat(options.cacheFile()).isNull();
        assertThat(options.emptyProtection()).isTrue();
        assertThat(options.strictCacheFile()).isFalse();
        assertThat(options.application()).isEmpty();
        assertThat(options.scheme()).isEqualTo("embedded");
        assertThat(RegistryOptions.builder("zookeeper://h:1").build().scheme()).isEqualTo("zookeeper");
    }

    @Test
    void toBuilder_copiesEveryValue() {
        RegistryOptions options = RegistryOptions.builder("zookeeper://h:1")
                .root("/rpc")
                .sessionTimeoutMillis(10)
                .connectionTimeoutMillis(20)
                .digestAuth("u:p")
                .cacheFile(Path.of("c.json"))
                .emptyProtection(false)
                .strictCacheFile(true)
                .application("shop")
                .build();
        assertThat(options.toBuilder().build()).isEqualTo(options);
    }

    @Test
    void toString_neverShowsThePassword() {
        RegistryOptions options = RegistryOptions.builder("zookeeper://h:1")
                .digestAuth("user:s3cret")
                .build();
        assertThat(options.toString()).doesNotContain("s3cret").contains("digestAuth=<hidden>");
    }

    @Test
    void badValues_nameTheKeyAndTheExpectation() {
        assertThatThrownBy(() ->
                        RegistryOptions.builder("embedded").root("courier").build())
                .hasMessage("root: 'courier' (expected: an absolute path like /courier)");
        assertThatThrownBy(
                        () -> RegistryOptions.builder("embedded").root("/a//b").build())
                .hasMessage("root: '/a//b' (expected: an absolute path like /courier)");
        assertThatThrownBy(() -> RegistryOptions.builder("embedded")
                        .sessionTimeoutMillis(0)
                        .build())
                .hasMessage("sessionTimeoutMillis: 0 (expected: > 0)");
        assertThatThrownBy(() -> RegistryOptions.builder("embedded")
                        .connectionTimeoutMillis(1L << 40)
                        .build())
                .hasMessage("connectionTimeoutMillis: 1099511627776 (expected: <= 2147483647)");
        assertThatThrownBy(() -> RegistryOptions.builder("embedded")
                        .digestAuth("nopassword")
                        .build())
                .hasMessage("digestAuth: '<hidden>' (expected: user:password)");
        assertThatThrownBy(() -> RegistryOptions.builder(" ").build()).hasMessage("address: ' ' (expected: not blank)");
    }
}

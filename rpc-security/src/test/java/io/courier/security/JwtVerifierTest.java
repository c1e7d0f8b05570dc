package io.courier.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtVerifierTest {

    @TempDir
    Path directory;

    @Test
    void builder_refusesWhatWouldVerifyNothingOrTooMuch() {
        assertThatThrownBy(() -> JwtVerifier.builder()
                        .issuer("i")
                        .audiences(List.of("a"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one source of keys");
        assertThatThrownBy(() -> JwtVerifier.builder()
                        .jwksFile(directory.resolve("jwks.json"))
                        .audiences(List.of("a"))
                        .build())
                .hasMessageContaining("issuer: null");
        assertThatThrownBy(() -> JwtVerifier.builder()
                        .jwksFile(directory.resolve("jwks.json"))
                        .issuer("i")
                        .audiences(List.of("a"))
                        .algorithms(Set.of("HS256"))
                        .build())
                .hasMessageContaining("algorithms: HS256");
    }

    @Test
    void verify_withoutOrWithAnotherScheme_isForbidden_namingWhy() throws Exception {
        Path jwks = directory.resolve("jwks.json");
        Files.writeString(jwks, "{\"keys\":[]}");
        try (JwtVerifier verifier = JwtVerifier.builder()
                .jwksFile(jwks)
                .issuer("https://idp.example.test")
                .audiences(List.of("shop"))
                .build()) {
            assertThatThrownBy(() -> verifier.verify(null))
                    .isInstanceOfSatisfying(
                            RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN))
                    .hasMessageContaining("no bearer token");
            assertThatThrownBy(() -> verifier.verify("Basic YWxpY2U6c2VjcmV0"))
                    .hasMessageContaining(BearerTokens.REJECTED + ": not a Bearer credential");
            assertThatThrownBy(() -> verifier.verify("Bearer not.a.jwt")).hasMessageStartingWith(BearerTokens.REJECTED);
        }
    }
}

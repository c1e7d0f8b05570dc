package io.courier.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.filter.Filter;
import io.courier.filter.ServiceFilterContext;
import io.courier.filter.SharedObjects;
import io.courier.spi.Side;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every option is validated when the chain is bound, with an error naming the key, the value and
 * the expectation, and never a secret; the filters stay out of a chain that is not configured.
 */
class SecurityConfigurationTest {

    @TempDir
    Path dir;

    /** One key for every test: generating RSA keys is the slow part. */
    private static final RSAKey KEY = Keys.rsa("k1");

    private final SharedObjects shared = new SharedObjects();
    private Path jwks;

    @BeforeEach
    void writeKeys() throws Exception {
        jwks = dir.resolve("jwks.json");
        Keys.writeJwks(jwks, KEY);
    }

    @AfterEach
    void close() {
        shared.close();
    }

    @Test
    void unconfigured_filtersStayOutOfTheChain() {
        assertThat(new JwtAuthFilter().bind(context(Side.PROVIDER, Map.of()))).isNull();
        assertThat(new AccessFilter().bind(context(Side.PROVIDER, Map.of()))).isNull();
        assertThat(new OAuth2ClientFilter().bind(context(Side.CONSUMER, Map.of())))
                .isNull();
    }

    @Test
    void jwt_hmacAndNoneAreNotAllowedAlgorithms() {
        assertJwtRefused(
                Map.of("courier.filter.jwt.algorithms", "RS256,HS256"),
                "courier.filter.jwt.algorithms: HS256 (expected: one or more of [RS256, RS384, RS512, PS256, PS384,"
                        + " PS512, ES256, ES384, ES512] (asymmetric only: no none, no HMAC))");
        assertJwtRefused(
                Map.of("courier.filter.jwt.algorithms", "none"), "courier.filter.jwt.algorithms: none (expected");
    }

    @Test
    void jwt_requiresIssuerAndAudience() {
        Map<String, String> noIssuer = new HashMap<>(jwt());
        noIssuer.remove("courier.filter.jwt.issuer");
        assertThatThrownBy(() -> new JwtAuthFilter().bind(context(Side.PROVIDER, noIssuer)))
                .hasMessage("courier.filter.jwt.issuer: (none) (expected: the issuer your tokens carry in iss, since"
                        + " courier.filter.jwt.jwks-file is set)");
        assertJwtRefused(
                Map.of("courier.filter.jwt.audience", " , "),
                "courier.filter.jwt.audience: , (expected: one or more comma-separated audiences)");
    }

    @Test
    void jwt_rejectsBadNumbersAndSources() {
        assertJwtRefused(
                Map.of("courier.filter.jwt.clock-skew-seconds", "-1"),
                "courier.filter.jwt.clock-skew-seconds: -1 (expected: 0 to 600)");
        assertJwtRefused(
                Map.of("courier.filter.jwt.max-token-bytes", "1048576"),
                "courier.filter.jwt.max-token-bytes: 1048576 (expected: 256 to 16384)");
        assertJwtRefused(
                Map.of("courier.filter.jwt.jwks-url", "https://idp.example.test/jwks"),
                "courier.filter.jwt.jwks-file: " + jwks
                        + " (expected: unset, since courier.filter.jwt.jwks-url is set");
    }

    @Test
    void jwt_jwksUrlMustBeHttpsUnlessLoopback() {
        Map<String, String> remote = new HashMap<>(jwt());
        remote.remove("courier.filter.jwt.jwks-file");
        remote.put("courier.filter.jwt.jwks-url", "http://idp.example.test/jwks");
        assertThatThrownBy(() -> new JwtAuthFilter().bind(context(Side.PROVIDER, remote)))
                .hasMessage("courier.filter.jwt.jwks-url: http://idp.example.test/jwks (expected: an https:// URL"
                        + " (plain http only to a loopback address))");
    }

    @Test
    void jwt_jwksFileWithASharedSecretOrMissing_isRefusedAtStart() throws Exception {
        OctetSequenceKey secret =
                new OctetSequenceKeyGenerator(256).keyID("hmac").generate();
        Files.writeString(jwks, "{\"keys\":[" + secret.toJSONString() + "]}");
        assertJwtRefused(
                Map.of(),
                "courier.filter.jwt.jwks-file: " + jwks + " (expected: public asymmetric keys only; key 'hmac' is");
        assertThat(catchMessage(Map.of())).doesNotContain(secret.getKeyValue().toString());

        Files.delete(jwks);
        assertJwtRefused(
                Map.of(),
                "courier.filter.jwt.jwks-file: " + jwks + " (expected: a readable JWKS file; NoSuchFileException)");
    }

    @Test
    void jwt_tokenOverTheCap_isRefusedBeforeParsing() {
        Filter check = new JwtAuthFilter().bind(context(Side.PROVIDER, jwt()));
        Invocation call = Invocation.of(
                        ServiceKey.of(Orders.class),
                        ServiceDescriptor.of(Orders.class).methods().get(0),
                        new Object[] {"x"})
                .withAttachment(BearerTokens.ATTACHMENT, BearerTokens.SCHEME + "e".repeat(1024 * 1024));

        CompletableFuture<?> result = check.filter(call, invocation -> {
            throw new AssertionError("a refused call went on");
        });

        assertThatThrownBy(result::join)
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN))
                .hasMessageContaining("jwt: bearer token rejected: 1048583 chars (expected: at most 8192,"
                        + " courier.filter.jwt.max-token-bytes)");
    }

    @Test
    void access_rejectsMalformedRules() {
        assertAccessRefused(
                Map.of("courier.filter.access.certificate-names", "CN=orders,orders.internal"),
                "courier.filter.access.certificate-names: orders.internal (expected: a certificate name starting with"
                        + " one of [CN=, DNS:, IP:, URI:, EMAIL:], e.g. DNS:orders.internal)");
        assertAccessRefused(
                Map.of("courier.filter.write.access.scopes", "orders.\"write\""),
                "courier.filter.write.access.scopes: orders.\"write\" (expected: scope names of printable ASCII");
        assertAccessRefused(
                Map.of("courier.filter.access.roles", ","),
                "courier.filter.access.roles: , (expected: one or more role names, comma-separated)");
        assertAccessRefused(
                Map.of("courier.filter.access.default", "maybe"),
                "courier.filter.access.default: maybe (expected: one of authenticated, deny)");
    }

    @Test
    void oauth2Client_requiresCredentials_andNeverEchoesTheSecret() {
        assertThatThrownBy(() -> new OAuth2ClientFilter()
                        .bind(context(
                                Side.CONSUMER,
                                Map.of(
                                        "courier.filter.oauth2-client.token-url", "https://idp.example.test/token",
                                        "courier.filter.oauth2-client.client-id", "orders-client"))))
                .hasMessage("courier.filter.oauth2-client.client-secret: (none) (expected: the client secret, since"
                        + " courier.filter.oauth2-client.token-url is set)");
        assertThatThrownBy(() -> new OAuth2ClientFilter()
                        .bind(context(
                                Side.CONSUMER,
                                Map.of(
                                        "courier.filter.oauth2-client.token-url", "https://idp.example.test/token",
                                        "courier.filter.oauth2-client.client-id", "orders-client",
                                        "courier.filter.oauth2-client.client-secret", "very-secret-value",
                                        "courier.filter.oauth2-client.refresh-before-seconds", "-5"))))
                .hasMessage("courier.filter.oauth2-client.refresh-before-seconds: -5 (expected: 0 to 3600)")
                .hasMessageNotContaining("very-secret-value");
    }

    private Map<String, String> jwt() {
        return Map.of(
                "courier.filter.jwt.jwks-file", jwks.toString(),
                "courier.filter.jwt.issuer", Keys.ISSUER,
                "courier.filter.jwt.audience", Keys.AUDIENCE);
    }

    private void assertJwtRefused(Map<String, String> overrides, String message) {
        assertThat(catchMessage(overrides)).startsWith(message);
    }

    private String catchMessage(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(jwt());
        properties.putAll(overrides);
        try {
            new JwtAuthFilter().bind(context(Side.PROVIDER, properties));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("bound with " + properties);
    }

    private void assertAccessRefused(Map<String, String> properties, String message) {
        assertThatThrownBy(() -> new AccessFilter().bind(context(Side.PROVIDER, properties)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    private ServiceFilterContext context(Side side, Map<String, String> properties) {
        return ServiceFilterContext.builder(side, ServiceKey.of(Orders.class), ServiceDescriptor.of(Orders.class))
                .application("test")
                .properties(properties)
                .shared(shared)
                .build();
    }
}

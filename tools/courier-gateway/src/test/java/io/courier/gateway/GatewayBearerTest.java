package io.courier.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.courier.bootstrap.Courier;
import io.courier.gateway.fixtures.Badge;
import io.courier.gateway.fixtures.CountingBadge;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway forwards the caller's {@code Authorization: Bearer <jwt>} to a provider with the
 * {@code jwt} filter: a valid token reaches the service with its subject, a bad one is 401 and
 * nothing runs, an access rule's refusal is 403; the token never appears in an answer.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GatewayBearerTest {

    static final String ISSUER = "https://idp.example.test/realms/courier";
    static final String AUDIENCE = "badges";
    static final String BADGE = "/" + Badge.class.getName();

    @TempDir
    static Path directory;

    static RSAKey key;
    static TestingServer zooKeeper;
    static final CountingBadge badge = new CountingBadge();
    static Courier provider;
    static Courier edge;
    static Gateway gateway;
    /** A second gateway on the same application that verifies JWTs itself and limits each subject. */
    static Gateway verifying;

    static io.courier.security.JwtVerifier verifier;
    static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeAll
    static void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("gateway-test").generate();
        Path jwks = directory.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(List.of(key.toPublicJWK())).toString(true), StandardCharsets.UTF_8);
        zooKeeper = new TestingServer(true);
        String registry = "zookeeper://" + zooKeeper.getConnectString();
        provider = Courier.builder()
                .application("badges")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .registry(registry)
                .property("courier.filter.jwt.jwks-file", jwks.toString())
                .property("courier.filter.jwt.issuer", ISSUER)
                .property("courier.filter.jwt.audience", AUDIENCE)
                .property("courier.filter.jwt.clock-skew-seconds", "5")
                .property("courier.filter.vault.access.scopes", "vault.open")
                .export(badge)
                .start();
        edge = Courier.builder()
                .application("edge")
                .shutdownHook(false)
                .registry(registry)
                .start();
        gateway = Gateway.start(
                edge, GatewayOptions.builder().host("127.0.0.1").port(0).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/openapi.json").contains("Badge/whoAmI"));
        verifier = io.courier.security.JwtVerifier.builder()
                .jwksFile(jwks)
                .issuer(ISSUER)
                .audiences(List.of(AUDIENCE))
                .clockSkewSeconds(5)
                .build();
        verifying = Gateway.start(
                edge,
                GatewayOptions.builder()
                        .host("127.0.0.1")
                        .port(0)
                        .jwtVerifier(verifier)
                        .maxRequestsPerSecond(2)
                        .build());
    }

    @AfterAll
    static void stop() throws Exception {
        if (verifying != null) {
            verifying.close();
        }
        if (verifier != null) {
            verifier.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (edge != null) {
            edge.close();
        }
        if (provider != null) {
            provider.close();
        }
        if (zooKeeper != null) {
            zooKeeper.close();
        }
    }

    @Test
    void validToken_reachesTheService_withTheCallersSubject() throws Exception {
        HttpResponse<String> answer = post("/whoAmI", token(claims().build()));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("\"alice\"");
    }

    @Test
    void expiredToken_is401_andNothingRuns() throws Exception {
        Instant past = Instant.now().minusSeconds(600);
        String expired = token(claims().issueTime(Date.from(past.minusSeconds(60)))
                .expirationTime(Date.from(past))
                .build());
        refused(expired, 401);
    }

    @Test
    void tamperedToken_is401_andNothingRuns() throws Exception {
        String[] parts = token(claims().build()).split("\\.");
        String payload =
                claims().subject("mallory").build().toPayload().toBase64URL().toString();
        refused(parts[0] + "." + payload + "." + parts[2], 401);
    }

    @Test
    void noToken_isRefused_andNothingRuns() throws Exception {
        int before = badge.calls.get();
        HttpResponse<String> answer = post("/whoAmI", null);
        assertThat(answer.statusCode()).isIn(401, 403);
        assertThat(badge.calls.get()).isEqualTo(before);
    }

    @Test
    void accessRuleRefusal_is403() throws Exception {
        int before = badge.calls.get();
        String token = token(claims().build());
        HttpResponse<String> answer = post("/vault", token);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        assertThat(answer.body()).contains("FORBIDDEN").doesNotContain(token);
        assertThat(badge.calls.get()).isEqualTo(before);
    }

    @Test
    void atTheGateway_validToken_reachesTheService() throws Exception {
        HttpResponse<String> answer =
                post(verifying, "/whoAmI", token(claims().subject("erin").build()));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("\"erin\"");
    }

    @Test
    void atTheGateway_expiredTamperedNoneAndWrongAudience_are401_andNothingRuns() throws Exception {
        Instant past = Instant.now().minusSeconds(600);
        String expired = token(claims().issueTime(Date.from(past.minusSeconds(60)))
                .expirationTime(Date.from(past))
                .build());
        String[] parts = token(claims().build()).split("\\.");
        String tampered =
                parts[0] + "." + claims().subject("mallory").build().toPayload().toBase64URL() + "." + parts[2];
        String none = com.nimbusds.jose.util.Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + claims().build().toPayload().toBase64URL() + ".";
        String wrongAudience = token(claims().audience("someone-else").build());
        for (String token : List.of(expired, tampered, none, wrongAudience)) {
            int before = badge.calls.get();
            HttpResponse<String> answer = post(verifying, "/whoAmI", token);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value)
                    .startsWith("Bearer realm=\"courier-gateway\", error=\"invalid_token\""));
            assertThat(answer.body()).contains("rejected at the gateway").doesNotContain(token);
            assertThat(badge.calls.get()).isEqualTo(before);
        }
        HttpResponse<String> missing = post(verifying, "/whoAmI", null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"courier-gateway\"");
    }

    /** Two callers from one address: the one over its limit is refused, the other is still served. */
    @Test
    void atTheGateway_rateLimitCountsEachSubject() throws Exception {
        String carol = token(claims().subject("carol").build());
        String dave = token(claims().subject("dave").build());
        List<Integer> statuses = new java.util.ArrayList<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 10 && limited == null; i++) {
            HttpResponse<String> answer = post(verifying, "/whoAmI", carol);
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 429) {
                limited = answer;
            }
        }
        assertThat(limited).as("statuses " + statuses).isNotNull();
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        HttpResponse<String> served = post(verifying, "/whoAmI", dave);
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        assertThat(served.body()).isEqualTo("\"dave\"");
    }

    private static void refused(String token, int status) throws Exception {
        int before = badge.calls.get();
        HttpResponse<String> answer = post("/whoAmI", token);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(answer.body()).doesNotContain(token).doesNotContain(token.split("\\.")[1]);
        assertThat(badge.calls.get()).isEqualTo(before);
    }

    /** Valid claims: our issuer and audience, subject alice, five minutes left. */
    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("alice")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("scope", "badges.read");
    }

    private static String token(JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static HttpResponse<String> post(String method, String token) throws Exception {
        return post(gateway, method, token);
    }

    private static HttpResponse<String> post(Gateway to, String method, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + to.port() + BADGE + method))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[]"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String get(String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(base() + path))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String base() {
        return "http://127.0.0.1:" + gateway.port();
    }
}

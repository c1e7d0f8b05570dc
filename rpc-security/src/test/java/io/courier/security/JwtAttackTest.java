package io.courier.security;

import static io.courier.security.Apps.direct;
import static io.courier.security.Apps.refusal;
import static io.courier.security.Apps.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attack table of {@code docs/security.md} over real sockets: a provider verifying JWTs against
 * a JWKS file, with {@code write} needing scope {@code orders.write}; every forged, stale or
 * misdirected token is refused {@code FORBIDDEN}, not executed, without the token in the message.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JwtAttackTest {

    private static final Logger log = LoggerFactory.getLogger(JwtAttackTest.class);

    @TempDir
    static Path dir;

    private static RSAKey key;
    private static CountingOrders orders;
    private static Courier provider;
    private static Courier consumer;
    private static Orders calls;

    @BeforeAll
    static void start() throws Exception {
        key = Keys.rsa("key-1");
        Path jwks = dir.resolve("jwks.json");
        Keys.writeJwks(jwks, key);
        orders = new CountingOrders();
        provider = secured(jwks).export(orders).start();
        consumer = Apps.builder().start();
        calls = consumer.reference(Orders.class, direct(provider.port()));
    }

    static io.courier.bootstrap.CourierBuilder secured(Path jwks) {
        return Apps.builder()
                .property("courier.filter.jwt.jwks-file", jwks.toString())
                .property("courier.filter.jwt.issuer", Keys.ISSUER)
                .property("courier.filter.jwt.audience", Keys.AUDIENCE)
                .property("courier.filter.jwt.clock-skew-seconds", "5")
                .property("courier.filter.jwt.jwks-refresh-seconds", "1")
                .property("courier.filter.write.access.scopes", "orders.write");
    }

    @AfterAll
    static void stop() {
        consumer.close();
        provider.close();
    }

    @Test
    void validToken_isServed_andTheImplementationSeesTheCaller() {
        String token = Keys.sign(key, Keys.claims().jwtID("jti-1").build());

        assertThat(withToken(token, () -> calls.read("book"))).isEqualTo("read book");
        assertThat(withToken(token, calls::whoAmI))
                .isEqualTo("TOKEN orders-client names=[] scopes=[orders.read] id=jti-1");
    }

    @Test
    void missingToken_isRefused() {
        assertRefused(null, "jwt: no bearer token");
    }

    @Test
    void expiredToken_isRefused() {
        Instant past = Instant.now().minusSeconds(60);
        assertRefused(
                Keys.sign(key, Keys.claims().expirationTime(Date.from(past)).build()),
                BearerTokens.REJECTED + ": Expired JWT");
    }

    @Test
    void tokenNotYetValid_isRefused() {
        Instant future = Instant.now().plusSeconds(60);
        assertRefused(
                Keys.sign(key, Keys.claims().notBeforeTime(Date.from(future)).build()),
                BearerTokens.REJECTED + ": JWT before use time");
    }

    @Test
    void wrongIssuer_isRefused() {
        assertRefused(
                Keys.sign(key, Keys.claims().issuer("https://evil.example.test").build()),
                BearerTokens.REJECTED + ": JWT iss claim value rejected");
    }

    @Test
    void wrongAudience_isRefused() {
        assertRefused(
                Keys.sign(key, Keys.claims().audience("payments").build()),
                BearerTokens.REJECTED + ": JWT aud claim rejected");
    }

    @Test
    void algNone_isRefused() {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        String payload = Base64URL.encode(Keys.claims().build().toString()).toString();

        assertRefused(header + "." + payload + ".", BearerTokens.REJECTED + ": Unsecured (plain) JWTs are rejected");
    }

    @Test
    void rsaPublicKeyUsedAsHmacSecret_isRefused() throws JOSEException {
        // The classic confusion attack: HS256 "signed" with the provider's own public key as secret.
        byte[] secret = key.toRSAPublicKey().getEncoded();
        SignedJWT forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                Keys.claims().claim("scope", "orders.read orders.write").build());
        forged.sign(new MACSigner(secret));

        assertRefused(forged.serialize(), BearerTokens.REJECTED + ": Signed JWT rejected: Another algorithm expected");
    }

    @Test
    void tamperedPayload_isRefused() {
        String[] parts = Keys.sign(key, Keys.claims().build()).split("\\.");
        String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8)
                .replace("orders.read", "orders.write");
        String tampered = parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];

        assertRefused(tampered, BearerTokens.REJECTED + ": Signed JWT rejected: Invalid signature");
        assertRefusedWrite(tampered, BearerTokens.REJECTED + ": Signed JWT rejected: Invalid signature");
    }

    @Test
    void unknownKid_isRefused() {
        assertRefused(
                Keys.sign(Keys.rsa("key-of-a-stranger"), Keys.claims().build()),
                BearerTokens.REJECTED
                        + ": Signed JWT rejected: Another algorithm expected, or no matching key(s) found");
    }

    @Test
    void tokenOverMaxTokenBytes_isRefusedBeforeParsing() {
        String token = "x".repeat(12 * 1024);

        assertRefused(token, BearerTokens.REJECTED + ": 12295 chars (expected: at most 8192");
    }

    @Test
    void oneMegabyteToken_neverLeavesTheConsumer() {
        // Over the protocol's attachment cap (16 KiB): the consumer's encoder refuses it before the
        // write, and a provider would refuse such a frame before reading its attachments.
        String token = "x".repeat(1024 * 1024);
        int before = orders.executions();

        RpcException refusal = refusal(() -> withToken(token, () -> calls.read("book")), ErrorCode.BAD_REQUEST, token);

        log.info("1 MB token: {}", refusal.getMessage());
        assertThat(refusal.getMessage()).contains("attachment");
        assertThat(orders.executions()).isEqualTo(before);
    }

    @Test
    void missingScope_isRefusedNamingMethodAndScope() {
        String token = Keys.sign(key, Keys.claims().build());
        int before = orders.executions();

        RpcException refusal = refusal(() -> withToken(token, () -> calls.write("book")), ErrorCode.FORBIDDEN, token);

        assertThat(refusal.getMessage())
                .contains("access: ")
                .contains("write(java.lang.String) needs scope orders.write (caller: Identity[TOKEN orders-client])");
        assertThat(orders.executions()).isEqualTo(before);
        String writer = Keys.sign(
                key, Keys.claims().claim("scope", "orders.read orders.write").build());
        assertThat(withToken(writer, () -> calls.write("book"))).isEqualTo("wrote book");
    }

    @Test
    void keyRemovedAtRotation_isRefusedOnceTheCacheRefreshed() throws Exception {
        Path jwks = dir.resolve("rotating.json");
        RSAKey old = Keys.rsa("2026-01");
        RSAKey next = Keys.rsa("2026-02");
        Keys.writeJwks(jwks, old, next);
        CountingOrders rotating = new CountingOrders();
        try (Courier own = secured(jwks).export(rotating).start()) {
            Orders own2 = consumer.reference(Orders.class, direct(own.port()));
            String oldToken = Keys.sign(old, Keys.claims().build());
            String nextToken = Keys.sign(next, Keys.claims().build());
            assertThat(withToken(oldToken, () -> own2.read("a"))).isEqualTo("read a");

            Keys.writeJwks(jwks, next);

            long start = System.nanoTime();
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        try {
                            withToken(oldToken, () -> own2.read("b"));
                            return false;
                        } catch (RpcException e) {
                            return BearerTokens.isRejection(e);
                        }
                    });
            log.info("revoked key refused {} ms after the JWKS file changed", (System.nanoTime() - start) / 1_000_000);
            int executed = rotating.executions();
            refusal(() -> withToken(oldToken, () -> own2.read("c")), ErrorCode.FORBIDDEN, oldToken);
            assertThat(rotating.executions()).isEqualTo(executed);
            assertThat(withToken(nextToken, () -> own2.read("d"))).isEqualTo("read d");
        }
    }

    private static void assertRefused(String token, String reason) {
        int before = orders.executions();
        Runnable call = token == null ? () -> calls.read("book") : () -> withToken(token, () -> calls.read("book"));

        RpcException refusal = refusal(call, ErrorCode.FORBIDDEN, token);

        assertThat(refusal.getMessage()).contains(reason);
        assertThat(orders.executions()).isEqualTo(before);
    }

    private static void assertRefusedWrite(String token, String reason) {
        int before = orders.executions();

        RpcException refusal = refusal(() -> withToken(token, () -> calls.write("book")), ErrorCode.FORBIDDEN, token);

        assertThat(refusal.getMessage()).contains(reason);
        assertThat(orders.executions()).isEqualTo(before);
    }
}

package io.courier.security;

import static io.courier.security.Apps.direct;
import static io.courier.security.Apps.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * OAuth2 client credentials end to end, over real sockets: a real authorization server
 * ({@code no.nav.security:mock-oauth2-server}) on 127.0.0.1 issues signed JWTs and serves its JWKS;
 * the consumer obtains, caches and refreshes tokens, the provider verifies them against the
 * server's JWKS URL and applies access rules. The client secret appears in no log line and no error.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OAuth2ClientCredentialsTest {

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(OAuth2ClientCredentialsTest.class);
    private static final String ISSUER_ID = "courier";
    private static final String SECRET = "s3cr3t-of-the-orders-client-7f2c9d";

    private final MockOAuth2Server server = new MockOAuth2Server();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger root;
    private Level rootLevel;

    @BeforeEach
    void start() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stop() {
        root.detachAppender(logs);
        root.setLevel(rootLevel);
        server.shutdown();
        assertSecretNeverLogged();
    }

    @Test
    void consumerObtainsAndRefreshesAToken_callsAllowedMethod_andIsRefusedAForbiddenOne() {
        for (int i = 0; i < 10; i++) {
            server.enqueueCallback(token("orders", 2));
        }
        CountingOrders orders = new CountingOrders();
        try (Courier provider = provider().export(orders).start();
                Courier consumer = consumer().start()) {
            Orders calls = consumer.reference(Orders.class, direct(provider.port()));

            assertThat(calls.read("book")).isEqualTo("read book");
            String first = calls.whoAmI();
            assertThat(first).startsWith("TOKEN orders-client names=[] scopes=[orders.read]");

            // Two-second tokens are replaced after one second, in the background.
            long start = System.nanoTime();
            await().atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !calls.whoAmI().equals(first));
            log.info("token replaced {} ms after the first call", (System.nanoTime() - start) / 1_000_000);

            int before = orders.executions();
            RpcException refusal = refusal(() -> calls.write("book"), ErrorCode.FORBIDDEN, null);
            assertThat(refusal.getMessage()).contains("write(java.lang.String) needs scope orders.write");
            assertThat(orders.executions()).isEqualTo(before);
        }
    }

    @Test
    void tokenRejectedByTheProvider_isReplacedAndTheCallRetriedOnce() {
        server.enqueueCallback(token("payments", 3600));
        server.enqueueCallback(token("orders", 3600));
        CountingOrders orders = new CountingOrders();
        try (Courier provider = provider().export(orders).start();
                Courier consumer = consumer().start()) {
            Orders calls = consumer.reference(Orders.class, direct(provider.port()));

            assertThat(calls.read("book")).isEqualTo("read book");
            assertThat(orders.executions()).isEqualTo(1);
            assertThat(logs.list).anyMatch(e -> e.getFormattedMessage().contains("refused the token, retrying once"));
        }
    }

    @Test
    void tokenEndpointFailure_refusesTheCallUnexecuted_withoutTheSecret() {
        CountingOrders orders = new CountingOrders();
        try (Courier provider = provider().export(orders).start();
                Courier consumer = consumer()
                        .property("courier.filter.oauth2-client.token-url", local(server.url("/no-such-endpoint")))
                        .start()) {
            Orders calls = consumer.reference(Orders.class, direct(provider.port()));

            RpcException refusal = refusal(() -> calls.read("book"), ErrorCode.FORBIDDEN, null);

            log.info("token endpoint failure: {}", refusal.getMessage());
            assertThat(refusal.getMessage())
                    .contains("oauth2-client: no token from")
                    .doesNotContain(SECRET);
            assertThat(orders.executions()).isZero();
        }
    }

    @Test
    void invalidConfiguration_namesKeyAndExpectation_neverTheSecret() {
        CourierBuilder insecure =
                consumer().property("courier.filter.oauth2-client.token-url", "http://idp.example.test/token");
        try (Courier consumer = insecure.start()) {
            Throwable failure =
                    org.assertj.core.api.Assertions.catchThrowable(() -> consumer.reference(Orders.class, direct(1)));
            assertThat(failure)
                    .hasMessageContaining("courier.filter.oauth2-client.token-url: http://idp.example.test/token"
                            + " (expected: an https:// URL (plain http only to a loopback address))")
                    .hasMessageNotContaining(SECRET);
        }
    }

    private DefaultOAuth2TokenCallback token(String audience, long seconds) {
        return new DefaultOAuth2TokenCallback(
                ISSUER_ID, "orders-client", "JWT", List.of(audience), Map.of("scope", "orders.read"), seconds);
    }

    /** The server's URL with its address, not "localhost", which may resolve to ::1 first. */
    private static String local(HttpUrl url) {
        return url.newBuilder().host("127.0.0.1").build().toString();
    }

    private CourierBuilder provider() {
        return Apps.builder()
                .property("courier.filter.jwt.jwks-url", local(server.jwksUrl(ISSUER_ID)))
                .property("courier.filter.jwt.issuer", local(server.issuerUrl(ISSUER_ID)))
                .property("courier.filter.jwt.audience", "orders")
                .property("courier.filter.write.access.scopes", "orders.write");
    }

    private CourierBuilder consumer() {
        return Apps.builder()
                .property("courier.filter.oauth2-client.token-url", local(server.tokenEndpointUrl(ISSUER_ID)))
                .property("courier.filter.oauth2-client.client-id", "orders-client")
                .property("courier.filter.oauth2-client.client-secret", SECRET)
                .property("courier.filter.oauth2-client.scope", "orders.read")
                // the server's first token (key generation, class loading) can take seconds on a busy machine
                .property("courier.filter.oauth2-client.timeout-millis", "20000");
    }

    private void assertSecretNeverLogged() {
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent event : logs.list) {
            assertThat(event.getFormattedMessage()).doesNotContain(SECRET);
            for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
                assertThat(String.valueOf(thrown.getMessage())).doesNotContain(SECRET);
            }
        }
    }
}

package io.courier.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.api.ServiceDescriptor;
import io.courier.bootstrap.Courier;
import io.courier.rest.fixture.Accounts;
import io.courier.rest.fixture.Role;
import io.courier.rest.fixture.SpringAccounts;
import io.courier.rest.internal.RestMapping;
import io.courier.rest.internal.Route;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An interface mapped by Spring Web's annotations ({@code @GetMapping}, {@code @PathVariable}, ...) into
 * the same routes as JAX-RS's: served on a provider's port and called with curl, and called by a typed
 * Courier reference over REST; a value that does not convert runs nothing.
 */
@Timeout(60)
class RestSpringWebTest {

    @Test
    void springWebAnnotations_mapServeAndCall() throws Exception {
        assertThat(RestMapping.of(ServiceDescriptor.of(SpringAccounts.class)).stream()
                        .map(Route::toString))
                .containsExactlyInAnyOrder(
                        "GET /accounts/{id}",
                        "GET /accounts",
                        "POST /accounts",
                        "DELETE /accounts/{id}",
                        "PUT /accounts/{id}/name");
        Accounts accounts = new Accounts();
        try (Courier provider = Courier.builder()
                        .application("rest-spring")
                        .host("127.0.0.1")
                        .port(0)
                        .shutdownHook(false)
                        .export(accounts)
                        .start();
                Courier consumer = Courier.builder()
                        .application("rest-spring-caller")
                        .shutdownHook(false)
                        .start()) {
            String base = "http://127.0.0.1:" + provider.port() + "/accounts";
            Http.Answer got = Http.curl(base + "/1");
            assertThat(got.status()).isEqualTo(200);
            assertThat(got.body())
                    .isEqualTo("{\"id\":1,\"name\":\"ada\",\"role\":\"ADMIN\",\"joined\":\"2026-01-02\"}");
            assertThat(Http.curl(base + "?role=MEMBER").body())
                    .contains("\"bob\"")
                    .doesNotContain("\"ada\"");
            Http.Answer created = Http.curl(
                    "-X",
                    "POST",
                    base,
                    "-H",
                    "Content-Type: application/json",
                    "-d",
                    "{\"id\":5,\"name\":\"eve\",\"role\":\"MEMBER\",\"joined\":\"2026-05-06\"}");
            assertThat(created.status()).isEqualTo(200);
            Http.Answer renamed =
                    Http.curl("-X", "PUT", base + "/5/name", "-H", "Content-Type: application/json", "-d", "\"eva\"");
            assertThat(renamed.body()).contains("\"name\":\"eva\"");
            Http.Answer deleted = Http.curl("-X", "DELETE", base + "/5", "-H", "X-Reason: left");
            assertThat(deleted.status()).isEqualTo(204);
            assertThat(accounts.lastReason.get()).isEqualTo("left");

            int before = accounts.calls.get();
            Http.Answer refused = Http.curl(base + "/abc");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains("path parameter 'id': 'abc' (expected: a long)");
            assertThat(accounts.calls.get()).isEqualTo(before);

            SpringAccounts client = consumer.reference(
                    SpringAccounts.class,
                    ReferenceOptions.builder()
                            .directEndpoints(List.of(new Endpoint("127.0.0.1", provider.port())))
                            .protocol("rest")
                            .build());
            assertThat(client.get(2).name).isEqualTo("bob");
            assertThat(client.list(List.of(Role.ADMIN), 5))
                    .extracting(user -> user.name)
                    .containsExactly("ada");
        }
    }
}

package io.courier.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.RemoteException;
import io.courier.bootstrap.Courier;
import io.courier.rest.fixture.Role;
import io.courier.rest.fixture.User;
import io.courier.rest.fixture.UserResource;
import io.courier.rest.fixture.Users;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * A Courier provider's {@code UserResource} on its own port, called by stock clients: curl (status,
 * headers, body), Spring's {@code RestClient} and Python's {@code urllib}.
 */
@Timeout(60)
class RestProviderTest {

    private static Users users;
    private static Courier provider;
    private static String base;

    @BeforeAll
    static void start() {
        users = new Users("one");
        provider = Courier.builder()
                .application("rest-provider")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .export(users)
                .start();
        base = "http://127.0.0.1:" + provider.port();
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void curl_getsPostsPutsAndDeletes() throws Exception {
        Http.Answer got = Http.curl(base + "/users/1");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.header("content-type")).isEqualTo("application/json");
        assertThat(got.body()).isEqualTo("{\"id\":1,\"name\":\"ada\",\"role\":\"ADMIN\",\"joined\":\"2026-01-02\"}");

        Http.Answer created = Http.curl(
                "-X",
                "POST",
                base + "/users",
                "-H",
                "Content-Type: application/json",
                "-d",
                "{\"id\":7,\"name\":\"cy\",\"role\":\"MEMBER\",\"joined\":\"2026-03-04\"}");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body()).contains("\"name\":\"cy\"");

        Http.Answer replaced = Http.curl(
                "-X",
                "PUT",
                base + "/users/7",
                "-H",
                "Content-Type: application/json",
                "-d",
                "{\"id\":0,\"name\":\"cyd\",\"role\":\"ADMIN\",\"joined\":\"2026-03-04\"}");
        assertThat(replaced.body()).contains("\"id\":7", "\"name\":\"cyd\"");

        // size defaults to 20 (@DefaultValue)
        assertThat(Http.curl(base + "/users?page=0").body()).contains("\"ada\"", "\"bob\"");
        Http.Answer listed = Http.curl(base + "/users?page=0&size=10&role=ADMIN");
        assertThat(listed.body()).contains("\"ada\"", "\"cyd\"").doesNotContain("\"bob\"");

        Http.Answer deleted = Http.curl("-X", "DELETE", base + "/users/7?reason=gone%20away");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(users.lastDeleteReason).hasValue("gone away");
        assertThat(Http.curl(base + "/users/7").status()).isEqualTo(422);

        Http.Answer keyed =
                Http.curl(base + "/users/keys/3f1e1c5a-8d0b-4c59-a7a4-1d8f1e2b3c4d", "-H", "X-Since: 2026-05-06");
        assertThat(keyed.body()).isEqualTo("\"one:3f1e1c5a-8d0b-4c59-a7a4-1d8f1e2b3c4d:2026-05-06\"");

        Http.Answer described = Http.curl(
                "-X",
                "POST",
                base + "/io.courier.rest.fixture.UserResource/describe",
                "-H",
                "Content-Type: application/json",
                "-d",
                "[\"hi\"]");
        assertThat(described.body()).isEqualTo("\"one says hi\"");
    }

    @Test
    void springRestClient_readsAndWritesTypedValues() {
        RestClient client = RestClient.create(base);
        User ada = client.get().uri("/users/{id}", 1).retrieve().body(User.class);
        assertThat(ada).isEqualTo(new User(1, "ada", Role.ADMIN, LocalDate.parse("2026-01-02")));

        User dee = new User(8, "dee", Role.MEMBER, LocalDate.parse("2026-04-05"));
        ResponseEntity<User> created = client.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .body(dee)
                .retrieve()
                .toEntity(User.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(200));
        assertThat(created.getBody()).isEqualTo(dee);

        List<User> members = client.get()
                .uri("/users?page=0&size=5&role=MEMBER")
                .retrieve()
                .body(new ParameterizedTypeReference<List<User>>() {});
        assertThat(members).extracting(user -> user.name).contains("bob", "dee");

        assertThat(client.delete()
                        .uri("/users/8")
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .value())
                .isEqualTo(204);

        try {
            client.get().uri("/users/not-a-number").retrieve().body(User.class);
            throw new AssertionError("expected 400");
        } catch (HttpClientErrorException e) {
            assertThat(e.getStatusCode().value()).isEqualTo(400);
            assertThat(e.getResponseHeaders().getContentType().toString()).isEqualTo("application/problem+json");
            assertThat(e.getResponseBodyAsString()).contains("path parameter 'id'", "not-a-number");
        }
    }

    @Test
    void courierReference_callsTheProviderByItsRestMapping() {
        try (Courier consumer = Courier.builder()
                .application("rest-caller")
                .shutdownHook(false)
                .property(
                        "courier.service." + UserResource.class.getName() + ".url",
                        "rest://127.0.0.1:" + provider.port())
                .start()) {
            UserResource remote = consumer.reference(UserResource.class);
            assertThat(remote.get(2).name).isEqualTo("bob");
            assertThat(remote.list(0, 10, List.of(Role.MEMBER)))
                    .extracting(user -> user.name)
                    .contains("bob");
            UUID key = UUID.fromString("3f1e1c5a-8d0b-4c59-a7a4-1d8f1e2b3c4d");
            assertThat(remote.byKey(key, LocalDate.parse("2026-07-08"))).isEqualTo("one:" + key + ":2026-07-08");
            assertThat(remote.describe("x y/z")).isEqualTo("one says x y/z");
            assertThatThrownBy(() -> remote.get(404))
                    .isInstanceOf(RemoteException.class)
                    .hasMessageContaining("IllegalStateException")
                    .hasMessageContaining("no user 404");
        }
    }

    @Test
    void pythonUrllib_getsAUser() throws Exception {
        Http.requireOrSkip("/usr/bin/python3");
        String script = "import json, urllib.request\n"
                + "with urllib.request.urlopen('" + base + "/users/2') as r:\n"
                + "    print(r.status, r.headers['Content-Type'], json.load(r)['name'])\n";
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", script)
                .redirectErrorStream(true)
                .start();
        String output = new String(python.getInputStream().readAllBytes()).strip();
        assertThat(python.waitFor()).isZero();
        assertThat(output).isEqualTo("200 application/json bob");
    }
}

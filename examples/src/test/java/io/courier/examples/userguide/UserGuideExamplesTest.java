package io.courier.examples.userguide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.api.ServiceOptions;
import io.courier.bootstrap.Courier;
import io.courier.examples.guide.InMemoryUserService;
import io.courier.examples.guide.Shop;
import io.courier.examples.guide.User;
import io.courier.examples.guide.UserNotFoundException;
import io.courier.examples.guide.UserService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the snippets of docs/user-guide.md over real sockets on 127.0.0.1. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class UserGuideExamplesTest {

    private static final String URL_KEY = "courier.service." + UserService.class.getName() + ".url";

    private final List<Courier> applications = new java.util.ArrayList<>();

    @AfterEach
    void closeAll() {
        for (int i = applications.size() - 1; i >= 0; i--) {
            applications.get(i).close();
        }
    }

    private Courier started(Courier courier) {
        applications.add(courier);
        return courier;
    }

    /** A provider of {@link UserService} on 127.0.0.1 and a free port, without a registry. */
    private Courier provider(InMemoryUserService service) {
        return started(Courier.builder()
                .application("user-service")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .export(service)
                .start());
    }

    private static String url(Courier provider) {
        return "courier://127.0.0.1:" + provider.port();
    }

    @Test
    void programmaticReference_callsSyncAsyncAndOneway() throws Exception {
        InMemoryUserService service = new InMemoryUserService("users-1");
        Courier provider = provider(service);
        Courier consumer = started(
                Courier.builder().application("shop").shutdownHook(false).start());

        UserService users = consumer.reference(
                UserService.class,
                ReferenceOptions.builder()
                        .directEndpoints(List.of(Endpoint.of("127.0.0.1", provider.port())))
                        .timeoutMillis(1_000)
                        .build());

        assertThat(users.find(1).name()).isEqualTo("Ada Lovelace");
        CompletableFuture<List<User>> found = users.search("A");
        assertThat(found.get(5, TimeUnit.SECONDS))
                .extracting(User::name)
                .containsExactly("Ada Lovelace", "Alan Turing");
        users.touch(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> service.touches() == 1);
        assertThat(users.rename(3, "Grace B. Hopper").name()).isEqualTo("Grace B. Hopper");
    }

    @Test
    void callSnippets_ofSectionsFourToTen_run() throws Exception {
        InMemoryUserService service = new InMemoryUserService("users-1");
        Courier provider = provider(service);
        Courier consumer = started(
                Courier.builder().application("shop").shutdownHook(false).start());
        UserService users = Consumers.inCode(consumer, provider);

        assertThat(Calls.kinds(users)).isEqualTo(new User(1, "Ada Lovelace"));
        await().atMost(Duration.ofSeconds(5)).until(() -> service.touches() == 1);
        assertThat(Calls.withTenant(users).name()).isEqualTo("Ada Lovelace");
        assertThat(RpcContext.current().outgoingAttachments()).doesNotContainKey("tenant");
        assertThat(Calls.missing(users)).isEqualTo(42);
        assertThat(Calls.tagged(users)).as("direct addresses carry no tags").isEqualTo("users-1");
        assertThat(Calls.tighterBudget()).isEmpty(); // not serving a request
    }

    @Test
    void scan_exportsTheExportAnnotatedClassesOfAPackage() {
        Courier provider = started(Courier.builder()
                .application("user-service")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .scan("io.courier.examples.guide")
                .start());
        Courier consumer = started(Courier.builder()
                .shutdownHook(false)
                .property(URL_KEY, url(provider))
                .start());

        assertThat(consumer.reference(UserService.class).instance()).isEqualTo("users");
    }

    @Test
    void businessException_arrivesAsItself_withItsFields() {
        Courier provider = provider(new InMemoryUserService());
        Courier consumer = started(Courier.builder()
                .shutdownHook(false)
                .property(URL_KEY, url(provider))
                .start());
        UserService users = consumer.reference(UserService.class);

        assertThatThrownBy(() -> users.find(42))
                .isExactlyInstanceOf(UserNotFoundException.class)
                .hasMessage("no user with id 42")
                .satisfies(e -> assertThat(((UserNotFoundException) e).id()).isEqualTo(42));
    }

    @Test
    void inject_fillsReferenceFields_fromConfiguredUrl() throws Exception {
        Courier provider = provider(new InMemoryUserService());
        Courier consumer = started(Courier.builder()
                .application("shop")
                .shutdownHook(false)
                .property(URL_KEY, url(provider))
                .start());

        Shop shop = consumer.inject(new Shop());

        assertThat(shop.nameOf(2)).isEqualTo("Alan Turing");
        assertThat(shop.users()).isSameAs(consumer.inject(new Shop()).users()); // proxies are cached
    }

    @Test
    void fallback_answersWhenNoProviderCanBeReached() throws Exception {
        int nobody = freePort();
        Courier consumer = started(Courier.builder()
                .shutdownHook(false)
                .property(URL_KEY, "courier://127.0.0.1:" + nobody)
                .start());
        Shop shop = consumer.inject(new Shop());

        assertThat(shop.canaryUsers().find(7)).isEqualTo(new User(7, "(unavailable)"));
        assertThat(shop.canaryUsers().instance()).isEqualTo("fallback");
        assertThatThrownBy(() -> shop.canaryUsers().rename(7, "x"))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read-only");
        assertThatThrownBy(() -> shop.users().find(7)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONNECT_FAILED);
            assertThat(e.notExecuted()).isTrue();
            assertThat(e.getMessage()).contains("127.0.0.1:" + nobody);
        });
    }

    @Test
    void tags_sendTaggedCallsToTheCanary_andOthersToStableInstances() throws Exception {
        Courier stable = started(Courier.builder()
                .application("user-service")
                .registry("embedded")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .export(new InMemoryUserService("stable"))
                .start());
        Courier canary = started(Courier.builder()
                .application("user-service")
                .registry("embedded")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .export(
                        new InMemoryUserService("canary"),
                        ServiceOptions.builder().tags(Set.of("canary")).build())
                .start());
        Courier consumer = started(Courier.builder()
                .application("shop")
                .registry("embedded")
                .shutdownHook(false)
                .start());
        Shop shop = consumer.inject(new Shop());
        UserService users = shop.users();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            RpcContext.current().setTag("canary");
            try {
                return users.instance().equals("canary");
            } finally {
                RpcContext.current().setTag(null);
            }
        });

        for (int i = 0; i < 10; i++) {
            assertThat(users.instance()).isEqualTo("stable");
            assertThat(shop.canaryUsers().instance()).isEqualTo("canary");
        }
        RpcContext.current().setTag("canary");
        try {
            assertThat(users.instance()).isEqualTo("canary");
        } finally {
            RpcContext.current().setTag(null);
        }
        assertThat(stable.port()).isNotEqualTo(canary.port());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

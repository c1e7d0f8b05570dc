package io.courier.mockserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import io.courier.demo.InventoryService;
import io.courier.demo.Reservation;
import io.courier.examples.guide.User;
import io.courier.examples.guide.UserNotFoundException;
import io.courier.examples.guide.UserService;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The shop demo's user and inventory services answered from stub files, through the registry. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MockServerTest {

    private final String root = "/mock-server-test-" + UUID.randomUUID();

    @TempDir
    Path directory;

    private MockServer server;
    private Courier shop;

    @BeforeEach
    void startShopConsumer() {
        shop = Courier.builder()
                .application("shop")
                .registry("embedded")
                .property("courier.registry.root", root)
                .shutdownHook(false)
                .start();
    }

    @AfterEach
    void stop() {
        shop.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shopsConsumer_getsTheStubbedAnswers_throughTheRegistry() throws Exception {
        server = start(copy("users.json"), copy("inventory.json"));
        UserService users = shop.reference(UserService.class);
        InventoryService inventory = shop.reference(InventoryService.class);

        User ada = awaitRegistered(() -> users.find(1));
        assertThat(ada.name()).isEqualTo("Ada");
        assertThatThrownBy(() -> users.find(404))
                .isInstanceOf(UserNotFoundException.class)
                .hasMessage("no user 404");
        assertThat(users.search("A").get(10, TimeUnit.SECONDS))
                .extracting(User::name)
                .containsExactly("Ada", "Alan");
        assertThat(users.instance()).isEqualTo("mock-server");
        users.touch(1);
        Reservation reservation = awaitRegistered(() -> inventory.reserve("book", 1));
        assertThat(reservation.instance()).isEqualTo("mock-warehouse");
        assertThatThrownBy(() -> users.find(2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no stub of io.courier.examples.guide.UserService matches find");
    }

    @Test
    void unreachableRegistry_failsTheStart_namingTheAddress_andLeavesNothingRunning() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String registry = "zookeeper://127.0.0.1:" + closedPort;
        MockServerOptions options = MockServerOptions.builder()
                .stubFile(copy("users.json"))
                .registry(registry)
                .build();
        long start = System.nanoTime();

        assertThatThrownBy(() -> MockServer.start(options))
                .isInstanceOf(RegistryUnreachableException.class)
                .hasMessageStartingWith("registry " + registry + " could not be reached within 5000 ms")
                .hasMessageContaining("--registry embedded");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                        .noneMatch(thread -> thread.getName().startsWith("courier-mock-server-")));
    }

    @Test
    void changedFile_isReloaded_andABrokenChangeIsRefusedWithItsLine_keepingTheLastGoodStubs() throws Exception {
        Path file = copy("users.json");
        server = start(file);
        UserService users = shop.reference(UserService.class);
        assertThat(awaitRegistered(() -> users.find(1)).name()).isEqualTo("Ada");

        Files.writeString(file, Files.readString(file).replace("\"Ada\"}}", "\"Ada Lovelace\"}}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> users.find(1).name().equals("Ada Lovelace"));

        Files.writeString(file, Files.readString(file).replace("\"method\": \"instance\"", "\"method\": \"whoIsIt\""));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> server.lastReloadFailure().isPresent());
        StubFileException refused = server.lastReloadFailure().orElseThrow();
        assertThat(refused.line()).isEqualTo(7);
        assertThat(refused.reason()).startsWith("unknown method 'whoIsIt' of io.courier.examples.guide.UserService");
        assertThat(users.instance()).isEqualTo("mock-server");
        assertThat(users.find(1).name()).isEqualTo("Ada Lovelace");
    }

    private MockServer start(Path... files) {
        MockServerOptions.Builder options = MockServerOptions.builder()
                .registry("embedded")
                .registryRoot(root)
                .reloadInterval(Duration.ofMillis(50));
        for (Path file : files) {
            options.stubFile(file);
        }
        return MockServer.start(options.build());
    }

    private Path copy(String name) throws IOException {
        Path target = directory.resolve(name);
        try (var in = MockServerTest.class.getResourceAsStream("/stubs/" + name)) {
            Files.copy(in, target);
        }
        return target;
    }

    /** Registration is asynchronous: the first calls may find no provider yet. */
    private static <T> T awaitRegistered(java.util.concurrent.Callable<T> call) {
        return await().atMost(Duration.ofSeconds(15))
                .ignoreException(RpcException.class)
                .until(call, answer -> answer != null);
    }
}

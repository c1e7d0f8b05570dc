package io.courier.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.examples.guide.UserService;
import io.courier.grpc.GrpcSchemas;
import io.courier.testkit.BrowserRpcPage;
import io.courier.testkit.DevTools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shop's services from a browser: the demo's gateway forwards gRPC-Web and Connect to the shop's
 * providers over gRPC, and headless Chromium runs a page whose typed client is generated from the
 * {@code .proto} files Courier emits for {@link OrderService}, {@link UserService} and {@link
 * InventoryService} ({@link BrowserRpcPage}): with the Connect transport a unary {@code placeOrder}, a
 * GET of the {@code @Idempotent} {@code find} (and its {@code not_found}), and the {@code orderEvents}
 * server stream read until the order the page places meanwhile arrives; with the gRPC-Web transport a
 * unary {@code reserve}. Skipped without Chromium, node or npm, except under CI (CI=true), where their
 * absence fails the test.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ShopBrowserRpcTest {

    static BrowserRpcPage page;
    static TestingServer zooKeeper;
    static ShopSystem shop;
    static DemoGateway gateway;
    static CompletableFuture<Void> built;

    @BeforeAll
    static void start() throws Exception {
        page = BrowserRpcPage.startOrSkip(Path.of("target", "browser-rpc"));
        // npm, buf and esbuild build the page while the shop starts
        built = CompletableFuture.runAsync(ShopBrowserRpcTest::build);
        zooKeeper = new TestingServer(true);
        String registry = "zookeeper://" + zooKeeper.getConnectString();
        shop = ShopSystem.start(registry, new ShopStats());
        gateway = DemoGateway.start(registry, List.of(page.origin()));
        // the gateway finds the shop's services in the registry
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.placeOrder(1).statusCode() == 200);
        built.get(270, TimeUnit.SECONDS);
    }

    private static void build() {
        BrowserRpcPage.Proto orders = proto(OrderService.class);
        BrowserRpcPage.Proto users = proto(UserService.class);
        BrowserRpcPage.Proto inventory = proto(InventoryService.class);
        try {
            page.build(
                    List.of(orders, users, inventory),
                    List.of(
                            "import { OrderService } from '" + orders.module() + "';",
                            "import { UserService } from '" + users.module() + "';",
                            "import { InventoryService } from '" + inventory.module() + "';"),
                    String.join(
                            "\n",
                            "const connect = createConnectTransport({ baseUrl, useHttpGet: true, fetch: recordingFetch });",
                            "const shop = createClient(OrderService, connect);",
                            "const order = await shop.placeOrder({ userId: 1n, sku: 'book', quantity: 2 });",
                            "results.unary = order.customer + ': ' + order.quantity + ' x ' + order.sku;",
                            "const users = createClient(UserService, connect);",
                            "results.get = (await users.find({ id: 3n })).name;",
                            "try {",
                            "  await users.find({ id: 42n });",
                            "} catch (e) {",
                            "  results.notFound = e.code + ' ' + e.rawMessage;",
                            "}",
                            "const events = [];",
                            "for await (const event of shop.orderEvents({ userId: 2n })) {",
                            "  events.push(event.type + (event.sku ? ' ' + event.sku : ''));",
                            "  if (event.type === 'subscribed') {",
                            "    await shop.placeOrder({ userId: 2n, sku: 'pen', quantity: 1 });",
                            "  } else {",
                            "    break;",
                            "  }",
                            "}",
                            "results.stream = events.join(',');",
                            "const grpcWeb = createClient(InventoryService, createGrpcWebTransport({ baseUrl }));",
                            "const reservation = await grpcWeb.reserve({ sku: 'lamp', quantity: 3 });",
                            "results.grpcWeb = reservation.quantity + ' x ' + reservation.sku + ' by ' + reservation.instance;"));
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private static BrowserRpcPage.Proto proto(Class<?> service) {
        return new BrowserRpcPage.Proto(GrpcSchemas.protoFileName(service), GrpcSchemas.protoFile(service));
    }

    @AfterAll
    static void stop() throws Exception {
        if (built != null) {
            // the build's commands end within their own time limits
            built.handle((done, failed) -> done).get(300, TimeUnit.SECONDS);
        }
        if (page != null) {
            page.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (shop != null) {
            shop.close();
        }
        if (zooKeeper != null) {
            zooKeeper.close();
        }
    }

    @Test
    void connectWeb_andGrpcWeb_callTheShopsServicesThroughTheDemosGateway() throws Exception {
        try (DevTools browser = DevTools.launch(DevTools.chromium())) {
            Map<?, ?> read = page.run(browser, gateway.base(), Duration.ofSeconds(60));

            assertThat(read.get("error")).as(read.toString()).isNull();
            assertThat(read.get("unary")).isEqualTo("Ada Lovelace: 2 x book");
            assertThat(read.get("get")).isEqualTo("Grace Hopper");
            // the provider's business exception, with its message, as the client's ConnectError
            assertThat((String) read.get("notFound")).as(read.toString()).contains("no user with id 42");
            assertThat(read.get("stream")).isEqualTo("subscribed,placed pen");
            assertThat((String) read.get("grpcWeb")).startsWith("3 x lamp by inventory-");
            // placeOrder, find (GET), find of 42 (GET), the stream, the order placed while it ran
            assertThat(read.get("methods")).isEqualTo(List.of("POST", "GET", "GET", "POST", "POST"));
        }
        // leaving the loop cancelled the stream: the provider stops watching
        await().atMost(Duration.ofSeconds(10)).until(() -> shop.orderService.events.watching() == 0);
    }
}

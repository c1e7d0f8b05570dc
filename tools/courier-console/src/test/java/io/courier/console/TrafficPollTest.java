package io.courier.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.store.RegisteredConsumer;
import io.courier.api.store.RegistryCatalog;
import io.courier.bootstrap.admin.AdminServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One polling round against admin endpoints that answer, do not answer, answer too slowly or too
 * much, and a registry entry whose {@code admin} is not an address: each is polled or refused on
 * its own, within the round's bound, and only real addresses are ever fetched.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TrafficPollTest {

    private static final ServiceKey ORDERS = ServiceKey.parse("io.example.Orders");

    @Test
    @SuppressWarnings("unchecked")
    void aRound_pollsWhatAnswers_andNamesWhyTheOthersDidNot() throws Exception {
        AtomicLong calls = new AtomicLong(1_000);
        HttpServer healthy = server();
        healthy.createContext(
                "/metrics",
                exchange -> answer(
                        exchange,
                        "courier_rpc_calls_total{method=\"place\","
                                + "service=\"io.example.Orders\",side=\"provider\"} " + calls.addAndGet(500) + ".0\n"));
        healthy.createContext(
                "/services",
                exchange -> answer(
                        exchange,
                        "{\"application\":\"order-service\","
                                + "\"server\":{\"openConnections\":3,\"inFlight\":1,\"queuedOutboundBytes\":0},"
                                + "\"services\":[{\"service\":\"io.example.Orders\",\"registration\":\"registered\"}]}"));
        healthy.createContext(
                "/references",
                exchange -> answer(
                        exchange,
                        "{\"references\":[{\"service\":\"io.example.Stock\",\"instances\":["
                                + "{\"address\":\"127.0.0.1:20890\",\"connection\":\"ready\",\"ejected\":true,"
                                + "\"breakerOpen\":[\"reserve\"],\"warmingUp\":true,\"weight\":25,\"inFlight\":2},"
                                + "{\"address\":\"127.0.0.1:20880\",\"connection\":\"unreachable\",\"ejected\":false,"
                                + "\"breakerOpen\":[],\"warmingUp\":false,\"weight\":100,\"inFlight\":0}]}]}"));
        HttpServer huge = server();
        huge.createContext("/", exchange -> answer(exchange, "#".repeat(AdminFetch.MAX_BYTES + 1)));
        HttpServer silent = server();
        silent.createContext("/", exchange -> {
            try {
                Thread.sleep(AdminFetch.READ_TIMEOUT_MILLIS + 1_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, "{}");
        });
        int closed = freePort();
        String healthyAdmin = "127.0.0.1:" + healthy.getAddress().getPort();
        RegistryCatalog catalog = catalog(List.of(
                provider(20880, "order-service", healthyAdmin),
                provider(20881, "order-service", "evil.example/steal?:80"),
                provider(
                        20882, "order-service", "127.0.0.1:" + huge.getAddress().getPort()),
                provider(
                        20883,
                        "order-service",
                        "127.0.0.1:" + silent.getAddress().getPort())));
        try (Traffic traffic = new Traffic(catalog, List.of("127.0.0.1:" + closed), Console.APPLICATION)) {
            long start = System.nanoTime();
            traffic.poll();
            traffic.poll();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            Map<String, Object> topology = new TrafficViews(traffic).topology();
            List<?> instances = (List<?>) topology.get("instances");
            assertThat(instances).hasSize(4); // the hostile address is not fetched at all
            Map<String, Object> view = new TrafficViews(traffic).instance(healthyAdmin);
            assertThat(view.get("application")).isEqualTo("order-service");
            assertThat(view.get("error")).isNull();
            assertThat(view.get("server"))
                    .isEqualTo(Map.of("openConnections", 3, "inFlight", 1, "queuedOutboundBytes", 0L));
            // what its references see, as the instance page shows it; a provider that is polled links to its page
            List<?> references = (List<?>) view.get("references");
            Map<?, ?> stock = (Map<?, ?>) references.get(0);
            assertThat(stock.get("service")).isEqualTo("io.example.Stock");
            assertThat((List<Object>) stock.get("providers"))
                    .containsExactly(
                            Map.of(
                                    "address",
                                    "127.0.0.1:20890",
                                    "admin",
                                    "",
                                    "connection",
                                    "ready",
                                    "ejected",
                                    true,
                                    "breakerOpen",
                                    List.of("reserve"),
                                    "warmingUp",
                                    true,
                                    "weight",
                                    25,
                                    "inFlight",
                                    2),
                            Map.of(
                                    "address",
                                    "127.0.0.1:20880",
                                    "admin",
                                    healthyAdmin,
                                    "connection",
                                    "unreachable",
                                    "ejected",
                                    false,
                                    "breakerOpen",
                                    List.of(),
                                    "warmingUp",
                                    false,
                                    "weight",
                                    100,
                                    "inFlight",
                                    0));
            traffic.read((picture, polled) -> {
                for (PolledInstance instance : polled) {
                    if (instance.admin.equals(healthyAdmin)) {
                        assertThat(instance.latest("provider", ORDERS.toString())
                                        .callsPerSecond())
                                .isPositive();
                    } else {
                        assertThat(instance.error).as(instance.admin).isNotNull();
                    }
                }
                return null;
            });
            assertThat(new TrafficViews(traffic)
                            .instance("127.0.0.1:" + closed)
                            .get("error")
                            .toString())
                    .isNotEmpty();
            // two rounds, each bounded by the slowest endpoint's timeout, not by the sum of them
            assertThat(millis).isLessThan(4L * 3 * AdminFetch.READ_TIMEOUT_MILLIS);
        } finally {
            healthy.stop(0);
            huge.stop(0);
            silent.stop(0);
        }
    }

    @Test
    void anAnswerThatDripsIn_isCutOffAtTheWholeAnswersLimit() throws Exception {
        HttpServer drip = server();
        drip.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: a byte every 500 ms, each within the read timeout
            try (var out = exchange.getResponseBody()) {
                for (int i = 0; i < 40; i++) {
                    out.write('#');
                    out.flush();
                    Thread.sleep(500);
                }
            } catch (IOException | InterruptedException e) {
                // the console hung up: what this test wants
            }
            exchange.close();
        });
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() ->
                            AdminFetch.text("127.0.0.1:" + drip.getAddress().getPort(), "/metrics"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("took more than " + AdminFetch.MAX_READ_MILLIS + " ms");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                    .isLessThan(AdminFetch.MAX_READ_MILLIS + 2_000L);
        } finally {
            drip.stop(0);
        }
    }

    private static HttpServer server() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
        return server;
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            // the console stopped reading: what this test wants of the huge answer
        }
        exchange.close();
    }

    private static ServiceInstance provider(int port, String application, String admin) {
        return ServiceInstance.builder(ORDERS, Endpoint.of("127.0.0.1", port))
                .application(application)
                .metadata(Map.of(AdminServer.METADATA_KEY, admin))
                .build();
    }

    /** The registry's answers as values: the one boundary this test does not run for real. */
    private static RegistryCatalog catalog(List<ServiceInstance> providers) {
        return new RegistryCatalog() {
            @Override
            public List<ServiceKey> services() {
                return List.of(ORDERS);
            }

            @Override
            public List<ServiceInstance> providers(ServiceKey serviceKey) {
                return providers;
            }

            @Override
            public List<RegisteredConsumer> consumers(ServiceKey serviceKey) {
                return List.of(new RegisteredConsumer("web-1:1:a", "shop-client", "web-1", 1));
            }
        };
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

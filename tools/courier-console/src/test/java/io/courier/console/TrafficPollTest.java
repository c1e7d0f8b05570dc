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
 * its own, within the round's bound, and only real addresses are ever fetched. Two instances' {@code
 * /events} answers are merged for the Events page.
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
    @SuppressWarnings("unchecked")
    void eventsOfTwoInstances_areMerged_offsetsFromTheNewestWithOffsets_countsSummed() throws Exception {
        // the first instance's snapshot is older but has offsets; the second's Kafka did not answer
        HttpServer first = eventsServer(
                "{\"open\":true,\"broker\":\"kafka k:9092\",\"takenAt\":\"2026-11-25T15:00:00Z\",\"error\":null,"
                        + "\"topics\":[{\"topic\":\"invoices\",\"deadLetter\":false,\"retained\":9,\"written\":9,"
                        + "\"partitions\":[{\"partition\":0,\"startOffset\":0,\"endOffset\":9}]}],"
                        + "\"subscriptions\":[{\"topic\":\"invoices\",\"group\":\"billing\",\"paused\":true,"
                        + "\"state\":\"Stable\",\"members\":2,\"lag\":4,\"handled\":5,\"retried\":1,"
                        + "\"deadLettered\":1,\"unreadable\":0,\"partitions\":[{\"partition\":0,"
                        + "\"committedOffset\":5,\"endOffset\":9,\"lag\":4,\"owner\":\"billing-1\"}]}]}");
        HttpServer second =
                eventsServer("{\"open\":true,\"broker\":\"kafka k:9092\",\"takenAt\":\"2026-11-25T15:00:01Z\","
                        + "\"error\":\"the brokers did not answer within 1500 ms\",\"topics\":[],"
                        + "\"subscriptions\":[{\"topic\":\"invoices\",\"group\":\"billing\",\"paused\":false,"
                        + "\"state\":null,\"members\":0,\"lag\":null,\"handled\":7,\"retried\":2,"
                        + "\"deadLettered\":0,\"unreadable\":3,\"partitions\":[]}]}");
        String firstAdmin = "127.0.0.1:" + first.getAddress().getPort();
        String secondAdmin = "127.0.0.1:" + second.getAddress().getPort();
        try (Traffic traffic = new Traffic(catalog(List.of()), List.of(firstAdmin, secondAdmin), Console.APPLICATION)) {
            traffic.poll();
            Map<String, Object> view = new EventsView(traffic).view();
            List<Map<String, Object>> groups = (List<Map<String, Object>>) view.get("groups");
            assertThat(groups).hasSize(1);
            Map<String, Object> billing = groups.get(0);
            assertThat(billing).containsEntry("lag", 4L).containsEntry("state", "Stable");
            assertThat(billing).containsEntry("handled", 12L).containsEntry("retried", 3L);
            assertThat(billing).containsEntry("deadLettered", 1L).containsEntry("unreadable", 3L);
            assertThat((List<Map<String, Object>>) billing.get("partitions"))
                    .singleElement()
                    .satisfies(p -> assertThat(p)
                            .containsEntry("committedOffset", 5L)
                            .containsEntry("lag", 4L)
                            .containsEntry("owner", "billing-1"));
            assertThat((List<Map<String, Object>>) billing.get("instances"))
                    .extracting(i -> i.get("admin") + " " + i.get("paused"))
                    .containsExactlyInAnyOrder(firstAdmin + " true", secondAdmin + " false");
            assertThat((List<Map<String, Object>>) view.get("topics")).hasSize(1);
            assertThat((List<Map<String, Object>>) view.get("brokers"))
                    .extracting(b -> b.get("error"))
                    .containsExactlyInAnyOrder(null, "the brokers did not answer within 1500 ms");
        } finally {
            first.stop(0);
            second.stop(0);
        }
    }

    /** An admin endpoint of a consuming-only application with metrics off and {@code events} at /events. */
    private static HttpServer eventsServer(String events) throws IOException {
        HttpServer server = server();
        server.createContext(
                "/services", exchange -> answer(exchange, "{\"application\":\"billing\",\"services\":[]}"));
        server.createContext("/references", exchange -> answer(exchange, "{\"references\":[]}"));
        server.createContext("/events", exchange -> answer(exchange, events));
        server.createContext("/metrics", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        return server;
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

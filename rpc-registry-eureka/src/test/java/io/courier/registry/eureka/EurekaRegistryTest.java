package io.courier.registry.eureka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryContractSnapshots;
import io.courier.api.registry.RegistryFactory;
import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.RegistryStoreFactory;
import io.courier.spi.ExtensionLoader;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the Eureka registry adds to the contract: interoperation with Spring Cloud in both directions on
 * the real server (a stock Spring Cloud {@code DiscoveryClient} lists Courier's instances; a Courier
 * consumer follows an instance a Spring Cloud Eureka client registered, through its status changes),
 * and what it does not offer, refused in words.
 */
@Timeout(60)
@ExtendWith(SharedEurekaServer.class)
class EurekaRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ServiceKey ORDERS = ServiceKey.parse("io.example.Orders");

    private static Registry open(RegistryOptions options) {
        return ExtensionLoader.of(RegistryFactory.class).get("eureka").create(options);
    }

    private static RegistryOptions options() {
        return RegistryOptions.builder(SharedEurekaServer.server().address())
                .sessionTimeoutMillis(2_000)
                .connectionTimeoutMillis(2_000)
                .build();
    }

    @Test
    void springCloudDiscoveryClient_listsCourierInstances_untilTheyAreCancelled() throws Exception {
        ServiceInstance orders = ServiceInstance.builder(ORDERS, Endpoint.of("127.0.0.1", 20_901))
                .application("courier-orders")
                .build();
        ServiceInstance users = ServiceInstance.builder(
                        ServiceKey.parse("blue/io.example.Users:2.0"), orders.endpoint())
                .application("courier-orders")
                .build();
        Registry provider = open(options());
        try {
            provider.register(orders);
            provider.register(users);
            provider.registration(users).get(10, java.util.concurrent.TimeUnit.SECONDS);

            // Spring's client fetches every second, so its list may first show the instance with Orders alone;
            // it is what a Spring Cloud application would call, so wait until it carries both services
            String bothServices = "blue/io.example.Users:2.0,io.example.Orders";
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                List<JsonNode> listed = springInstances("courier-orders");
                return listed.size() == 1
                        && bothServices.equals(listed.get(0)
                                .path("metadata")
                                .path("courier.services")
                                .asText());
            });
            JsonNode seen = springInstances("courier-orders").get(0);
            assertThat(seen.path("host").asText()).isEqualTo("127.0.0.1");
            assertThat(seen.path("port").asInt()).isEqualTo(20_901);
            assertThat(seen.path("metadata").path("courier.port").asText()).isEqualTo("20901");
        } finally {
            provider.close();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> springInstances("courier-orders").isEmpty());
    }

    @Test
    void courierConsumer_followsAnInstanceASpringCloudClientRegistered() throws Exception {
        EurekaServer server = SharedEurekaServer.server();
        ServiceKey inventory = ServiceKey.parse(EurekaServer.SPRING_SERVICE);
        try (Registry consumer = open(
                RegistryOptions.builder(server.address()).emptyProtection(false).build())) {
            RegistryContractSnapshots snapshots = new RegistryContractSnapshots();
            consumer.subscribe(inventory, snapshots);
            await().atMost(Duration.ofSeconds(10)).until(() -> snapshots.latestSize() == 1);
            ServiceInstance spring = snapshots.latest().get(0);
            assertThat(spring.endpoint()).isEqualTo(Endpoint.of("127.0.0.1", server.port()));
            assertThat(spring.application()).isEqualTo(EurekaServer.SPRING_APP);

            // the Spring application reports DOWN through its own Eureka client, then UP again
            setSpringStatus("DOWN");
            await().atMost(Duration.ofSeconds(10)).until(() -> snapshots.latestSize() == 0);
            setSpringStatus("UP");
            await().atMost(Duration.ofSeconds(10)).until(() -> snapshots.latestSize() == 1);
        } finally {
            setSpringStatus("UP");
        }
    }

    @Test
    void whatIsNotOffered_isRefusedInWords() {
        RegistryOptions options = options();
        assertThatThrownBy(() -> ExtensionLoader.of(RegistryStoreFactory.class)
                        .get("eureka")
                        .open(options))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("offers discovery only")
                .hasMessageContaining("zookeeper:// or etcd://");
        try (Registry registry = open(options)) {
            assertThat(registry.coordination()).isEmpty();
            assertThat(registry.metadata(ORDERS)).isEmpty();
        }
    }

    @Test
    void badAddressesAndOptions_areRefusedWithTheExpectation() {
        for (String address : List.of(
                "eureka://127.0.0.1", "eureka://127.0.0.1:port", "eureka://127.0.0.1:8761/a b", "eureka://h:1?x=1")) {
            assertThatThrownBy(() -> open(RegistryOptions.builder(address).build()))
                    .as(address)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected: eureka://host:port[/path][?fetchMillis=n]");
        }
        assertThatThrownBy(() -> open(RegistryOptions.builder("eureka://127.0.0.1:8761?fetchMillis=10")
                        .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fetchMillis: 10 (expected: 100 to 300000)");
        assertThatThrownBy(() ->
                        open(RegistryOptions.builder(SharedEurekaServer.server().address())
                                .digestAuth("user:secret")
                                .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
    }

    @Test
    void addressPath_defaultsToEureka() {
        assertThat(EurekaAddress.parse("eureka://10.0.0.1:8761").base()).hasToString("http://10.0.0.1:8761/eureka");
        assertThat(EurekaAddress.parse("eureka://[::1]:8761/registry/eureka/?fetchMillis=1000"))
                .satisfies(address -> {
                    assertThat(address.base()).hasToString("http://[::1]:8761/registry/eureka");
                    assertThat(address.fetchMillis()).isEqualTo(1_000);
                });
    }

    private static List<JsonNode> springInstances(String serviceId) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(SharedEurekaServer.server().http("/courier-test/instances/" + serviceId))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return List.copyOf(JSON.readValue(
                response.body(), JSON.getTypeFactory().constructCollectionType(List.class, JsonNode.class)));
    }

    private static void setSpringStatus(String status) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(SharedEurekaServer.server().http("/courier-test/status/" + status))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}

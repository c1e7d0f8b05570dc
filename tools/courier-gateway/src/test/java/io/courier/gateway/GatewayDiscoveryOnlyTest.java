package io.courier.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.api.ServiceKey;
import io.courier.bootstrap.Courier;
import io.courier.gateway.fixtures.CountingOrderDesk;
import io.courier.gateway.fixtures.OrderDesk;
import io.courier.registry.mdns.LoopbackMulticast;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway on a registry that offers discovery only (mDNS on the loopback, as the registry's own tests run
 * it): its application finds the provider, but the registry keeps no service metadata, so the gateway has no
 * description to call it by; a call is refused with a 404 that says so, and the OpenAPI document lists nothing.
 */
@ExtendWith(LoopbackMulticast.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GatewayDiscoveryOnlyTest {

    private static final String REGISTRY = "mdns://127.0.0.1";

    @Test
    void discoveryOnlyRegistry_providerFound_callRefusedInWords() throws Exception {
        EventLoopGroup loops = Gateway.newEventLoops();
        try (Courier provider = Courier.builder()
                        .application("desk")
                        .host("127.0.0.1")
                        .port(0)
                        .shutdownHook(false)
                        .registry(REGISTRY)
                        .export(new CountingOrderDesk())
                        .start();
                Courier edge = Courier.builder()
                        .application("edge")
                        .shutdownHook(false)
                        .registry(REGISTRY)
                        .clientEventLoops(loops)
                        .start();
                Gateway gateway = Gateway.start(
                        edge,
                        GatewayOptions.builder()
                                .host("127.0.0.1")
                                .port(0)
                                .eventLoops(loops)
                                .build())) {
            ServiceKey key = ServiceKey.parse(OrderDesk.class.getName());
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(edge.providers(key))
                    .extracting(instance -> instance.endpoint())
                    .containsExactly(provider.endpoint().orElseThrow()));

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> call = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + gateway.port() + "/" + OrderDesk.class.getName() + "/echo"))
                            .timeout(Duration.ofSeconds(20))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("[\"hello\"]"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(call.statusCode()).isEqualTo(404);
            assertThat(call.headers().firstValue("Content-Type")).contains(Problems.CONTENT_TYPE);
            assertThat(new ObjectMapper().readTree(call.body()).path("detail").asText())
                    .startsWith("no such service: " + OrderDesk.class.getName())
                    .contains("a registry that keeps no service metadata offers the gateway nothing to call");
            HttpResponse<String> openApi = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/openapi.json"))
                            .timeout(Duration.ofSeconds(20))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(openApi.statusCode()).isEqualTo(200);
            assertThat(openApi.body()).doesNotContain("OrderDesk");
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}

package io.courier.demo;

import io.courier.bootstrap.Courier;
import io.courier.bootstrap.config.ApplicationKeys;
import io.courier.filter.config.FilterKeys;
import io.courier.gateway.Gateway;
import io.courier.gateway.GatewayOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The shop's HTTP front: a gateway application that finds the shop's services in the registry,
 * on 127.0.0.1:8080 (or a free port if 8080 is taken), so that a person can place an order with curl
 * and browse every service at {@code /docs} while the demo runs. Its browser RPC (gRPC-Web, Connect)
 * reaches the providers over gRPC, which every shop application serves on its port (rpc-grpc).
 */
final class DemoGateway implements AutoCloseable {

    static final int PREFERRED_PORT = 8080;

    private final Courier application;
    private final Gateway gateway;

    private DemoGateway(Courier application, Gateway gateway) {
        this.application = application;
        this.gateway = gateway;
    }

    static DemoGateway start(String registry) {
        return start(registry, List.of());
    }

    /**
     * As {@link #start(String)}, and pages of {@code corsOrigins} may call it: the JSON calls, and the
     * typed browser clients (gRPC-Web, Connect), which reach the shop's providers over gRPC.
     */
    static DemoGateway start(String registry, List<String> corsOrigins) {
        Courier application = Courier.builder()
                .application("shop-gateway")
                .registry(registry)
                .shutdownHook(false)
                // measured and with an admin endpoint like the shop's applications, so the console
                // shows the gateway's instance and its calls instead of an unpolled box
                .property(FilterKeys.METRICS_ENABLED.name(), "true")
                .property(ApplicationKeys.ADMIN_PORT.name(), "0")
                .start();
        try {
            Gateway gateway;
            try {
                gateway = Gateway.start(
                        application,
                        GatewayOptions.builder()
                                .port(PREFERRED_PORT)
                                .corsOrigins(corsOrigins)
                                .build());
            } catch (Exception taken) {
                // Netty rethrows the bind's java.net.BindException as it is, though it is checked
                gateway = Gateway.start(
                        application,
                        GatewayOptions.builder()
                                .port(0)
                                .corsOrigins(corsOrigins)
                                .build());
            }
            return new DemoGateway(application, gateway);
        } catch (RuntimeException e) {
            application.close();
            throw e;
        }
    }

    /** The admin endpoint of the gateway's application, {@code 127.0.0.1:port}, for the console to poll. */
    String adminEndpoint() {
        return "127.0.0.1:" + application.adminPort().orElseThrow();
    }

    String base() {
        return "http://127.0.0.1:" + gateway.port();
    }

    /** The curl line that places an order through the gateway. */
    String curl(long userId) {
        return "curl -s -X POST -H 'Content-Type: application/json' -d '{\"userId\":" + userId
                + ",\"sku\":\"book\",\"quantity\":1}' " + base() + "/" + OrderService.class.getName() + "/placeOrder";
    }

    /** What the curl line does, from Java: the status and body of the answer. */
    HttpResponse<String> placeOrder(long userId) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(orderRequest(userId).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As {@link #placeOrder(long)}, with the headers of {@code extra} added (e.g. {@code traceparent}). */
    HttpResponse<String> placeOrder(long userId, HttpHeaders extra) throws IOException, InterruptedException {
        HttpRequest.Builder request = orderRequest(userId);
        extra.map().forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder orderRequest(long userId) {
        return HttpRequest.newBuilder(URI.create(base() + "/" + OrderService.class.getName() + "/placeOrder"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"userId\":" + userId + ",\"sku\":\"book\",\"quantity\":1}"));
    }

    @Override
    public void close() {
        gateway.close();
        application.close();
    }
}

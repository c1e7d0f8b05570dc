package io.courier.gateway;

import static org.awaitility.Awaitility.await;

import io.courier.bootstrap.Courier;
import io.courier.gateway.fixtures.CountingFeed;
import io.courier.gateway.fixtures.CountingOrderDesk;
import io.courier.gateway.fixtures.HoldingGate;
import io.netty.channel.EventLoopGroup;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;

/**
 * ZooKeeper, a provider of {@code OrderDesk} registered in it, and a gateway application that finds
 * the provider there, its consumer on the gateway's event loops as {@link GatewayMain} has it;
 * closed in reverse order.
 */
final class GatewayFixture implements AutoCloseable {

    final TestingServer zooKeeper;
    final CountingOrderDesk desk = new CountingOrderDesk();
    final CountingFeed feed = new CountingFeed();
    final HoldingGate gate = new HoldingGate();
    final Courier provider;
    final Courier edge;
    final Gateway gateway;
    /** The gateway's loops, which also run the edge's connections to the provider. */
    final EventLoopGroup loops = Gateway.newEventLoops();

    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    GatewayFixture(GatewayOptions.Builder options, OpenTelemetry providerTelemetry) throws Exception {
        zooKeeper = new TestingServer(true);
        String registry = "zookeeper://" + zooKeeper.getConnectString();
        var providerBuilder = Courier.builder()
                .application("desk")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .registry(registry)
                .export(desk)
                .export(feed)
                .export(gate);
        if (providerTelemetry != null) {
            providerBuilder.openTelemetry(providerTelemetry);
        }
        provider = providerBuilder.start();
        edge = Courier.builder()
                .application("edge")
                .shutdownHook(false)
                .registry(registry)
                .clientEventLoops(loops)
                .start();
        gateway = Gateway.start(
                edge, options.host("127.0.0.1").port(0).eventLoops(loops).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String document = get("/openapi.json").body();
            return document.contains("OrderDesk/place") && document.contains("Feed/count");
        });
    }

    static GatewayFixture start() throws Exception {
        return new GatewayFixture(GatewayOptions.builder(), null);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    HttpResponse<String> post(String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (!java.util.Arrays.asList(headers).contains("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** JSON posts to a gateway on {@code port}, over HTTP/1.1. */
    record Client(int port) {
        private static final HttpClient HTTP =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<String> post(String path, String json) {
            try {
                return HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(Duration.ofSeconds(20))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        gate.release.countDown();
        gateway.close();
        edge.close();
        provider.close();
        zooKeeper.close();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

package io.courier.registry.eureka;

import io.courier.testkit.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A real Eureka server (Spring Cloud Netflix's, {@link EurekaServerMain}) in a child JVM on a free
 * 127.0.0.1 port, tuned for short tests: self-preservation off, no wait for peers at start, no response
 * cache (neither the read-only one, 30 s behind, nor the read-write one, see below), eviction every 200
 * ms, and no eviction limit (Eureka evicts at most 15 % of the registry at a time by default).
 * Its own Eureka client registers it (application {@value #SPRING_APP}, declaring {@value
 * #SPRING_SERVICE} for Courier) and fetches the registry every second.
 */
final class EurekaServer implements AutoCloseable {

    static final String SPRING_APP = "eureka-test-server";
    static final String SPRING_SERVICE = "io.example.Inventory";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final ChildJvm jvm;
    private final int port;

    private EurekaServer(ChildJvm jvm, int port) {
        this.jvm = jvm;
        this.port = port;
    }

    static EurekaServer start() {
        int port = freePort();
        String url = "http://127.0.0.1:" + port + "/eureka/";
        ChildJvm jvm = ChildJvm.start(
                EurekaServerMain.class,
                List.of("-Xmx256m"),
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--spring.application.name=" + SPRING_APP,
                "--spring.main.banner-mode=off",
                "--spring.cloud.compatibility-verifier.enabled=false",
                "--logging.level.root=WARN",
                "--eureka.dashboard.enabled=false",
                "--eureka.server.enable-self-preservation=false",
                "--eureka.server.wait-time-in-ms-when-sync-empty=0",
                "--eureka.server.registry-sync-retries=0",
                "--eureka.server.use-read-only-response-cache=false",
                // no response cache at all: an invalidation that lands while the cache loads is lost (Guava
                // keeps the load), which would hide a change until the cache expires (180 s by default)
                "--eureka.server.response-cache-auto-expiration-in-seconds=0",
                "--eureka.server.eviction-interval-timer-in-ms=200",
                "--eureka.server.renewal-percent-threshold=0",
                "--eureka.client.service-url.defaultZone=" + url,
                "--eureka.client.register-with-eureka=true",
                "--eureka.client.fetch-registry=true",
                "--eureka.client.registry-fetch-interval-seconds=1",
                "--eureka.client.initial-instance-info-replication-interval-seconds=1",
                "--eureka.client.instance-info-replication-interval-seconds=1",
                "--eureka.instance.hostname=127.0.0.1",
                "--eureka.instance.ip-address=127.0.0.1",
                "--eureka.instance.prefer-ip-address=true",
                "--eureka.instance.lease-renewal-interval-in-seconds=1",
                "--eureka.instance.lease-expiration-duration-in-seconds=5",
                "--eureka.instance.metadata-map[courier.services]=" + SPRING_SERVICE);
        try {
            if (!jvm.awaitLine(line -> line.contains(EurekaServerMain.READY), START_TIMEOUT)) {
                String output = jvm.output();
                jvm.close();
                throw new IllegalStateException(
                        "The Eureka server did not start within " + START_TIMEOUT + ":\n" + output);
            }
        } catch (InterruptedException e) {
            jvm.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the Eureka server started", e);
        }
        return new EurekaServer(jvm, port);
    }

    int port() {
        return port;
    }

    /** {@code eureka://127.0.0.1:port?fetchMillis=200}: consumers fetch every 200 ms, so that the contract's 1 s bounds hold. */
    String address() {
        return "eureka://127.0.0.1:" + port + "?fetchMillis=200";
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    String output() {
        return jvm.output();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.terminate();
        if (jvm.awaitExit(Duration.ofSeconds(10)).isEmpty()) {
            System.err.println("EurekaServer: no exit 10 s after SIGTERM; killed");
        }
        jvm.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

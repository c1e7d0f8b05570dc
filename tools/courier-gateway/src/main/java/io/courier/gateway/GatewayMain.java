package io.courier.gateway;

import io.courier.bootstrap.Courier;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a gateway: {@code java -jar courier-gateway.jar}. The application is configured like any
 * Courier application (the registry with {@code courier.registry.address}, through {@code
 * courier.properties}, {@code -Dcourier.*} or {@code COURIER_*}); the gateway with {@code
 * -Dcourier.gateway.host} (127.0.0.1), {@code .port} (8080), {@code .max-body-bytes}, {@code
 * .max-requests-per-second}, {@code .token} and {@code .cors-origins} (comma-separated). Stops on
 * SIGTERM or Ctrl-C.
 */
public final class GatewayMain {

    private static final Logger log = LoggerFactory.getLogger(GatewayMain.class);

    private GatewayMain() {}

    public static void main(String[] args) throws InterruptedException {
        GatewayOptions options = GatewayOptions.builder()
                .host(System.getProperty("courier.gateway.host", "127.0.0.1"))
                .port(Integer.getInteger("courier.gateway.port", 8080))
                .maxBodyBytes(Integer.getInteger("courier.gateway.max-body-bytes", 1024 * 1024))
                .maxRequestsPerSecond(Integer.getInteger("courier.gateway.max-requests-per-second", 0))
                .token(System.getProperty("courier.gateway.token", ""))
                .corsOrigins(list(System.getProperty("courier.gateway.cors-origins", "")))
                .build();
        Courier courier = Courier.builder().application("courier-gateway").start();
        Gateway gateway = Gateway.start(courier, options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            gateway.close();
                            stopped.countDown();
                        },
                        "courier-gateway-shutdown"));
        log.info("Courier gateway on http://{}:{}/docs", options.host(), gateway.port());
        stopped.await();
    }

    private static List<String> list(String text) {
        return text.isBlank()
                ? List.of()
                : Arrays.stream(text.split(",")).map(String::trim).toList();
    }
}

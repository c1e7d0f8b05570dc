package io.courier.gateway;

import io.courier.api.config.CommandLineSettings;
import io.courier.bootstrap.Courier;
import io.courier.security.JwtVerifier;
import io.courier.transport.UnsafeMemoryAccess;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a gateway: {@code java -jar courier-gateway.jar}. The application is configured like any
 * Courier application (the registry with {@code courier.registry.address}, through {@code
 * courier.properties}, {@code -Dcourier.*} or {@code COURIER_*}); the gateway with {@code
 * -Dcourier.gateway.host} (127.0.0.1), {@code .port} (8080), {@code .max-body-bytes}, {@code
 * .max-requests-per-second}, {@code .max-streams-per-client}, {@code .token}, {@code .jwt.jwks-file} or {@code .jwt.jwks-url} with {@code .jwt.issuer} and {@code .jwt.audience} and {@code .cors-origins} (comma-separated). Stops on
 * SIGTERM or Ctrl-C.
 */
public final class GatewayMain {

    private static final Logger log = LoggerFactory.getLogger(GatewayMain.class);

    private GatewayMain() {}

    public static void main(String[] args) throws InterruptedException {
        // before Netty loads: no sun.misc.Unsafe warning on Java 24+
        UnsafeMemoryAccess.avoidOnJava24AndLater();
        CommandLineSettings settings = CommandLineSettings.ofThisProcess(Map.of());
        // one group for the HTTP connections and the application's connections to providers: a call
        // stays on the loop that read its request
        EventLoopGroup loops = Gateway.newEventLoops();
        GatewayOptions options = GatewayOptions.builder()
                .host(settings.read(GatewayKeys.HOST))
                .port(settings.read(GatewayKeys.PORT))
                .maxBodyBytes(settings.read(GatewayKeys.MAX_BODY_BYTES))
                .maxRequestsPerSecond(settings.read(GatewayKeys.MAX_REQUESTS_PER_SECOND))
                .maxStreamsPerClient(settings.read(GatewayKeys.MAX_STREAMS_PER_CLIENT))
                .token(settings.read(GatewayKeys.TOKEN))
                .corsOrigins(settings.read(GatewayKeys.CORS_ORIGINS))
                .jwtVerifier(jwtVerifier(settings))
                .eventLoops(loops)
                .build();
        Courier courier = Courier.builder()
                .application("courier-gateway")
                .clientEventLoops(loops)
                .start();
        Gateway gateway = Gateway.start(courier, options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            gateway.close();
                            courier.close();
                            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
                            if (options.jwtVerifier() != null) {
                                options.jwtVerifier().close();
                            }
                            stopped.countDown();
                        },
                        "courier-gateway-shutdown"));
        log.info("Courier gateway on http://{}:{}/docs", options.host(), gateway.port());
        stopped.await();
    }

    /** The verifier of callers' JWTs when a JWKS is configured, else {@code null}. */
    private static JwtVerifier jwtVerifier(CommandLineSettings settings) {
        String file = settings.read(GatewayKeys.JWT_JWKS_FILE);
        String url = settings.read(GatewayKeys.JWT_JWKS_URL);
        if (file.isEmpty() && url.isEmpty()) {
            return null;
        }
        return JwtVerifier.builder()
                .jwksFile(file.isEmpty() ? null : Path.of(file))
                .jwksUrl(url.isEmpty() ? null : URI.create(url))
                .issuer(settings.read(GatewayKeys.JWT_ISSUER))
                .audiences(settings.read(GatewayKeys.JWT_AUDIENCE))
                .build();
    }
}

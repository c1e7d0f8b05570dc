package io.courier.bench.rest;

import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.bench.gateway.DirectLoad;
import io.courier.bench.gateway.GatewayOverhead;
import io.courier.bench.gateway.HttpLoad;
import io.courier.bench.gateway.RoundResult;
import io.courier.bootstrap.Courier;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code GET /users/{id}} of the benchmark workload three ways, at the same concurrency: REST on a Courier
 * provider's own port and a Spring Boot MVC controller doing the same work, each from {@code wrk} with
 * {@code CONNECTIONS} keep-alive connections (one request in flight each), and the same call over
 * Courier's protocol from {@code CONNECTIONS} Java threads through a reference. The provider, the
 * Courier consumer and the Spring Boot application run in this JVM; {@code wrk} is a native process with
 * one thread. The paths take turns within each round, the first path rotating, after a warm-up round of
 * each ({@link GatewayOverhead#measure}); prints every round, the medians and the ratios.
 *
 * <pre>
 * RestComparison [CONNECTIONS=32] [SECONDS_PER_ROUND=10] [ROUNDS=3]
 * </pre>
 */
public final class RestComparison {

    private static final long USER_ID = 7;
    private static final int WARM_UP_SECONDS = 5;

    private RestComparison() {}

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        HttpLoad.requireLoaders(List.of("wrk"));
        try (Courier provider = Courier.builder()
                        .application("bench-rest-provider")
                        .host("127.0.0.1")
                        .port(0)
                        .shutdownHook(false)
                        .export(new SyntheticUserResource())
                        .start();
                Courier consumer = Courier.builder()
                        .application("bench-rest-consumer")
                        .shutdownHook(false)
                        .start();
                ConfigurableApplicationContext spring = SpringUsers.start()) {
            String rest = "http://127.0.0.1:" + provider.port() + "/users/" + USER_ID;
            String mvc = "http://127.0.0.1:" + SpringUsers.port(spring) + "/users/" + USER_ID;
            UserResource courier = consumer.reference(
                    UserResource.class,
                    ReferenceOptions.builder()
                            .directEndpoints(List.of(Endpoint.of("127.0.0.1", provider.port())))
                            .build());
            out.printf(
                    "REST %s, Spring MVC %s, Courier's protocol on 127.0.0.1:%d; %d connections (Courier: threads),"
                            + " %d s rounds, %d rounds after a %d s warm-up of each path%n",
                    rest, mvc, provider.port(), connections, seconds, rounds, WARM_UP_SECONDS);
            checkAnswers(courier, rest, mvc);
            DirectLoad direct =
                    new DirectLoad(connections, id -> courier.getUser(id).getId() == id);
            List<GatewayOverhead.LoadPath> paths = List.of(
                    s -> HttpLoad.wrkGet("rest (provider port)", rest, connections, s),
                    s -> direct.run("courier protocol", s),
                    s -> HttpLoad.wrkGet("spring mvc", mvc, connections, s));
            for (GatewayOverhead.LoadPath path : paths) {
                path.run(WARM_UP_SECONDS);
            }
            summarize(out, GatewayOverhead.measure(out, paths, rounds, seconds), connections);
        }
    }

    /** Every path answers the same user before anything is measured ({@code wrk} does not read bodies). */
    private static void checkAnswers(UserResource courier, String rest, String mvc) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String url : List.of(rest, mvc)) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200 || !answer.body().contains("\"id\":" + USER_ID)) {
                throw new IllegalStateException(url + " answered " + answer.statusCode() + " " + answer.body());
            }
        }
        if (courier.getUser(USER_ID).getId() != USER_ID) {
            throw new IllegalStateException("Courier's protocol answered another user");
        }
    }

    private static void summarize(PrintStream out, Map<String, List<RoundResult>> results, int connections) {
        out.println("median of the rounds:");
        results.forEach((path, rounds) -> out.printf(
                "median  %-22s %,9.0f calls/s  p50 %,7.0f us  p99 %,8.0f us%n",
                path,
                GatewayOverhead.median(rounds, RoundResult::callsPerSecond),
                GatewayOverhead.median(rounds, RoundResult::p50Micros),
                GatewayOverhead.median(rounds, RoundResult::p99Micros)));
        double rest = GatewayOverhead.median(results.get("rest (provider port)"), RoundResult::callsPerSecond);
        double mvc = GatewayOverhead.median(results.get("spring mvc"), RoundResult::callsPerSecond);
        double courier = GatewayOverhead.median(results.get("courier protocol"), RoundResult::callsPerSecond);
        out.printf(
                "REST on the provider's port: %.2fx Spring MVC's calls/s at %d connections (target >= 2x: %s)%n",
                rest / mvc, connections, rest / mvc >= 2 ? "met" : "MISSED");
        out.printf("REST on the provider's port: %.2fx Courier's protocol's calls/s%n", rest / courier);
    }
}

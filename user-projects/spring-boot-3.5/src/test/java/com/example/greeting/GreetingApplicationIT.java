package com.example.greeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.courier.config.ConfigCentre;
import io.courier.config.ConfigCentreOptions;
import io.courier.config.ConfigScope;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Starts the repackaged application with {@code java -jar}, as a user would, and checks what a new user
 * expects of it: it starts, the runner's first call through Courier succeeds, Actuator's health is UP over
 * HTTP (and Courier's meters are in Boot's registry), Spring's {@code RestClient} gets, posts, puts, lists
 * and deletes on the REST paths Courier serves for {@code UserResource}, a {@code @ConfigurationProperties} bean
 * follows a setting written to the configuration centre (a real ZooKeeper, Curator's TestingServer) without
 * restart, SIGTERM stops it with the JVM's normal exit status, and nothing it logged was a WARN or an ERROR. See README.md for what failed before.
 */
class GreetingApplicationIT {

    private static final Pattern TOMCAT_PORT = Pattern.compile("Tomcat started on port (\\d+)");
    private static final Pattern COURIER_PORT = Pattern.compile("Courier serves on port (\\d+)");
    private static final Pattern STARTED = Pattern.compile("Started GreetingApplication in ([0-9.]+) seconds");
    private static final Pattern WARN_OR_ERROR = Pattern.compile("\\b(WARN|ERROR)\\b");
    private static final String FIRST_CALL = "First call answered: Hello, Courier";
    private static final String CLOSED = "Courier application 'greeting' closed";

    /** The JVM's exit status after SIGTERM once its shutdown hooks have run: 128 + 15. */
    private static final int EXIT_AFTER_SIGTERM = 143;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void startsAnswersItsFirstCallIsHealthyAndStopsCleanlyOnSigterm() throws Exception {
        Path jar = Paths.get(System.getProperty("greeting.jar"));
        assertThat(jar).exists();
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        // a file, not a pipe: Process.destroy() closes the pipes, and the shutdown's lines would be lost
        Path log = jar.resolveSibling("greeting-output.log");
        TestingServer zooKeeper = new TestingServer(true);
        String registry = "zookeeper://" + zooKeeper.getConnectString();
        Process app = new ProcessBuilder(
                        java.toString(), "-jar", jar.toString(), "--courier.registry.address=" + registry)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try (zooKeeper) {
            await("the runner's first call").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> contains(lines(log), FIRST_CALL) || !app.isAlive());
            List<String> output = lines(log);
            assertThat(contains(output, FIRST_CALL)).as(describe(output)).isTrue();
            System.out.println("greeting: " + firstMatch(output, STARTED) + " s to start (Spring's own count)");

            int port = Integer.parseInt(firstMatch(output, TOMCAT_PORT));
            HttpResponse<String> health = get(port, "/actuator/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).startsWith("{\"status\":\"UP\"");
            // Courier's meters in Boot's registry, on the Micrometer release Boot manages
            HttpResponse<String> calls = get(port, "/actuator/metrics/courier.rpc.calls");
            assertThat(calls.statusCode()).as(calls.body()).isEqualTo(200);
            assertThat(calls.body()).contains("\"statistic\":\"COUNT\",\"value\":2.0"); // consumer and provider

            restClient_getsPostsPutsListsAndDeletes(Integer.parseInt(firstMatch(output, COURIER_PORT)));
            settingFollowsTheCentre(port, registry);

            app.destroy(); // SIGTERM
            assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();
            output = lines(log);
            assertThat(contains(output, CLOSED)).as("Courier closed by Spring on SIGTERM: %s", describe(output)).isTrue();
            assertThat(app.exitValue()).as(describe(output)).isEqualTo(EXIT_AFTER_SIGTERM);
            assertThat(output).as("lines logged at WARN or ERROR").noneMatch(line -> WARN_OR_ERROR.matcher(line).find());
        } finally {
            app.destroyForcibly();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** {@code greeting.salutation} written to the centre: the running application's bean takes it. */
    private static void settingFollowsTheCentre(int port, String registry) throws Exception {
        assertThat(get(port, "/greet?name=Courier").body()).isEqualTo("Hello, Courier");
        try (ConfigCentre centre = ConfigCentre.connect(registry, ConfigCentreOptions.defaults(), 10_000)) {
            centre.write(
                    ConfigScope.application("greeting"),
                    "version: 1\nsettings:\n  greeting.salutation: Hi\n",
                    "GreetingApplicationIT",
                    "",
                    ConfigCentre.ANY_VERSION);
        }
        await("the centre's salutation").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> get(port, "/greet?name=Courier").body().equals("Hi, Courier"));
    }

    /** Spring's own RestClient against UserResource's JAX-RS paths on Courier's port. */
    private static void restClient_getsPostsPutsListsAndDeletes(int courierPort) {
        RestClient rest = RestClient.create("http://127.0.0.1:" + courierPort);
        assertThat(rest.get().uri("/users/{id}", 1).retrieve().body(User.class)).isEqualTo(new User(1, "ada"));

        ResponseEntity<User> created = rest.post()
                .uri("/users")
                .contentType(MediaType.APPLICATION_JSON)
                .body(new User(7, "cy"))
                .retrieve()
                .toEntity(User.class);
        assertThat(created.getStatusCode().value()).isEqualTo(200);
        assertThat(created.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(created.getBody()).isEqualTo(new User(7, "cy"));

        User replaced = rest.put()
                .uri("/users/{id}", 7)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new User(0, "cyd"))
                .retrieve()
                .body(User.class);
        assertThat(replaced).isEqualTo(new User(7, "cyd"));

        List<User> page = rest.get()
                .uri("/users?page={page}&size={size}", 0, 10)
                .retrieve()
                .body(new ParameterizedTypeReference<List<User>>() {});
        assertThat(page).containsExactly(new User(1, "ada"), new User(7, "cyd"));

        ResponseEntity<Void> deleted = rest.delete().uri("/users/{id}", 7).retrieve().toBodilessEntity();
        assertThat(deleted.getStatusCode().value()).isEqualTo(204);

        ResponseEntity<String> missing = rest.get()
                .uri("/users/{id}", 7)
                .retrieve()
                .onStatus(status -> true, (request, response) -> {})
                .toEntity(String.class);
        assertThat(missing.getStatusCode().value()).isEqualTo(422); // the provider's NoSuchElementException
        assertThat(missing.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(missing.getBody()).contains("java.util.NoSuchElementException").contains("no user 7");
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> lines(Path log) throws IOException {
        // the application may be writing: a line cut in two is read whole on the next poll
        return Files.readAllLines(log, StandardCharsets.ISO_8859_1);
    }

    private static boolean contains(List<String> output, String text) {
        return output.stream().anyMatch(line -> line.contains(text));
    }

    private static String firstMatch(List<String> output, Pattern pattern) {
        for (String line : output) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no line matches " + pattern + "\n" + describe(output));
    }

    private static String describe(List<String> output) {
        return "the application's output:\n" + String.join("\n", output);
    }
}

package io.courier.events.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.Subscription;
import io.courier.api.event.SubscriptionOptions;
import io.courier.bootstrap.Courier;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The admin endpoint's {@code GET /events} of an application on the embedded Kafka, read with the JDK's
 * HTTP client: nothing (and no broker started) before the application uses events; then its topics,
 * dead-letter topic included, with their offsets, and its subscription's group with the exact lag per
 * partition while it is paused with unconsumed events, its retries and dead letters; the lag back to 0
 * after resuming. The {@code courier.events.lag} gauges (Micrometer's global registry, where {@code
 * courier.events()} meters) follow the paused member's lag too, and are gone once the application closes.
 */
@Timeout(90)
class AdminEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int PARTITIONS = 3;
    /** Events published while the subscription is paused. */
    private static final int UNCONSUMED = 7;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .proxy(HttpClient.Builder.NO_PROXY)
            .build();

    @Test
    void events_showTopicsGroupsAndTheExactLagOfAPausedSubscription() throws Exception {
        // the application's own registry: events' meters go there, not to Micrometer's global one
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try {
            run(meters);
        } finally {
            meters.close();
        }
    }

    private void run(SimpleMeterRegistry meters) throws Exception {
        Courier app = Courier.builder()
                .application("billing-app")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .property("courier.admin.port", "0")
                .property("courier.events.kafka.partitions", Integer.toString(PARTITIONS))
                .meterRegistry(meters)
                .start();
        try (app) {
            String base = "http://127.0.0.1:" + app.adminPort().orElseThrow();
            JsonNode before = get(base + "/events");
            assertThat(before.path("open").asBoolean(true)).isFalse();
            assertThat(before.path("subscriptions")).isEmpty();

            AtomicInteger handled = new AtomicInteger();
            Subscription subscription = app.events()
                    .subscribe(
                            SubscriptionOptions.builder("invoices", "billing", OrderPlaced.class)
                                    .maxAttempts(2)
                                    .backoff(Duration.ofMillis(10), Duration.ofMillis(20))
                                    .build(),
                            event -> {
                                if (event.payload().orderId().equals("poison")) {
                                    throw new IllegalStateException("cannot bill " + event.payload());
                                }
                                handled.incrementAndGet();
                            });
            EventPublisher<OrderPlaced> publisher = app.events().publisher("invoices", OrderPlaced.class);
            publish(publisher, "first", 6);
            publisher
                    .publish("c-poison", new OrderPlaced("poison", "c-poison", 0, 1))
                    .get();
            await().atMost(WAIT).until(() -> handled.get() == 6);

            // everything handled and committed: the group's lag is 0 on every partition
            JsonNode settled = awaitEvents(
                    base,
                    events -> group(events).path("lag").asLong(-1) == 0
                            && group(events).path("deadLettered").asLong() == 1);
            JsonNode group = group(settled);
            assertThat(group.path("retried").asLong()).isEqualTo(1);
            assertThat(group.path("handled").asLong()).isEqualTo(6);
            assertThat(group.path("paused").asBoolean()).isFalse();
            assertThat(group.path("members").asInt()).isEqualTo(1);
            assertThat(group.path("partitions")).hasSize(PARTITIONS);
            List<Long> committedBefore = new ArrayList<>();
            for (JsonNode partition : group.path("partitions")) {
                assertThat(partition.path("committedOffset").asLong(-1))
                        .isEqualTo(partition.path("endOffset").asLong());
                assertThat(partition.path("owner").asText()).isNotEmpty();
                committedBefore.add(partition.path("committedOffset").asLong());
            }
            assertThat(topic(settled, "invoices").path("written").asLong()).isEqualTo(7);
            assertThat(topic(settled, "invoices").path("deadLetter").asBoolean())
                    .isFalse();
            assertThat(topic(settled, "invoices.dlt").path("written").asLong()).isEqualTo(1);
            assertThat(topic(settled, "invoices.dlt").path("deadLetter").asBoolean())
                    .isTrue();

            // paused, with UNCONSUMED events published after: the lag is exactly that, partition by partition
            subscription.pause();
            publish(publisher, "later", UNCONSUMED);
            JsonNode paused =
                    awaitEvents(base, events -> group(events).path("lag").asLong(-1) == UNCONSUMED);
            group = group(paused);
            assertThat(group.path("paused").asBoolean()).isTrue();
            assertThat(handled.get()).isEqualTo(6);
            long sum = 0;
            for (int i = 0; i < PARTITIONS; i++) {
                JsonNode partition = group.path("partitions").get(i);
                assertThat(partition.path("partition").asInt()).isEqualTo(i);
                assertThat(partition.path("committedOffset").asLong()).isEqualTo(committedBefore.get(i));
                assertThat(partition.path("lag").asLong())
                        .isEqualTo(partition.path("endOffset").asLong() - committedBefore.get(i));
                sum += partition.path("lag").asLong();
            }
            assertThat(sum).isEqualTo(UNCONSUMED);
            assertThat(topic(paused, "invoices").path("written").asLong()).isEqualTo(7 + UNCONSUMED);
            // the member's own gauges agree, though it fetches nothing while paused
            await().atMost(WAIT).until(() -> lagGauges(meters) == UNCONSUMED);

            subscription.resume();
            await().atMost(WAIT).until(() -> handled.get() == 6 + UNCONSUMED);
            JsonNode resumed =
                    awaitEvents(base, events -> group(events).path("lag").asLong(-1) == 0);
            assertThat(group(resumed).path("paused").asBoolean()).isFalse();
            assertThat(group(resumed).path("handled").asLong()).isEqualTo(6 + UNCONSUMED);

            // read-only: a POST is refused, and runs nothing
            HttpResponse<String> post = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/events"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        }
        assertThat(meters.find("courier.events.lag").gauges()).isEmpty();
    }

    private static double lagGauges(SimpleMeterRegistry meters) {
        return meters.find("courier.events.lag").tag("group", "billing").gauges().stream()
                .mapToDouble(Gauge::value)
                .sum();
    }

    private static void publish(EventPublisher<OrderPlaced> publisher, String prefix, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            // keys spread over the partitions
            publisher
                    .publish("c-" + prefix + i, new OrderPlaced(prefix + i, "c-" + prefix + i, i, 100))
                    .get();
        }
    }

    private JsonNode awaitEvents(String base, java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = get(base + "/events");
            return condition.test(last[0]);
        });
        return last[0];
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    private static JsonNode group(JsonNode events) {
        for (JsonNode group : events.path("subscriptions")) {
            if (group.path("group").asText().equals("billing")) {
                return group;
            }
        }
        return JSON.missingNode();
    }

    private static JsonNode topic(JsonNode events, String name) {
        for (JsonNode topic : events.path("topics")) {
            if (topic.path("topic").asText().equals(name)) {
                return topic;
            }
        }
        throw new AssertionError("no topic " + name + " in " + events);
    }
}

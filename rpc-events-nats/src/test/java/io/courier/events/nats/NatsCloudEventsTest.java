package io.courier.events.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.api.event.Event;
import io.courier.api.event.EventBroker;
import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventBrokers;
import io.courier.api.event.PublishReceipt;
import io.courier.api.event.Subscription;
import io.courier.api.event.SubscriptionOptions;
import io.courier.testkit.StockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Courier's events as CloudEvents on NATS JetStream, seen by a client we did not write: the {@code
 * nats} npm package under Node (npm installs it at test time; Debian has no NATS client for Python)
 * reads an event a Courier publisher wrote from the topic's stream (the NATS binding's {@code ce-*}
 * headers, percent-encoded, and the JSON data), and a CloudEvent it publishes is handled by a Courier subscriber.
 */
@Timeout(180)
class NatsCloudEventsTest {

    @RegisterExtension
    static final NatsContractServer nats = new NatsContractServer();

    /** The npm package, pinned. */
    static final String PACKAGE = "nats@2.29.3";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The event of this test. */
    public record Parcel(String parcelId, String city, int grams) {}

    /** Reads the first event of a stream (mode "get"), or publishes one CloudEvent to a subject. */
    private static final String SCRIPT =
            """
            import { connect, headers } from "nats";
            const [mode, url, target, type] = process.argv.slice(2);
            const nc = await connect({ servers: url });
            const js = nc.jetstream();
            if (mode === "get") {
              const consumer = await js.consumers.get(target);
              const m = await consumer.next({ expires: 20000 });
              const h = {};
              for (const k of m.headers.keys()) h[k] = m.headers.get(k);
              console.log(JSON.stringify({ subject: m.subject, headers: h, data: m.json() }));
            } else {
              const h = headers();
              h.set("ce-specversion", "1.0");
              h.set("ce-id", "node-1");
              h.set("ce-source", "/scripts/node%20nats");
              h.set("ce-type", type);
              h.set("ce-time", "2026-11-27T08:00:00Z");
              h.set("ce-datacontenttype", "application/json");
              h.set("ce-partitionkey", "Z%C3%BCrich");
              await js.publish(target, JSON.stringify({ parcelId: "p-2", city: "Zürich", grams: 750 }), { headers: h });
            }
            await nc.drain();
            """;

    @Test
    void nodeReadsCourierEvents_andCourierHandlesTheCloudEventNodePublishes() throws Exception {
        Path client = installClient();
        try (EventBroker broker = EventBrokers.open(EventBrokerContext.of("parcel depot", nats.settings()))) {
            PublishReceipt receipt = broker.publisher("parcels", Parcel.class)
                    .publish("basel", new Parcel("p-1", "Basel", 1200))
                    .get(30, TimeUnit.SECONDS);
            JsonNode read = JSON.readTree(node(client, "get", NatsNames.stream("parcels")));
            JsonNode headers = read.get("headers");
            assertThat(headers.get("ce-specversion").asText()).isEqualTo("1.0");
            assertThat(headers.get("ce-id").asText()).isEqualTo(receipt.eventId());
            assertThat(headers.get("ce-source").asText()).isEqualTo("parcel%20depot");
            assertThat(headers.get("ce-type").asText()).isEqualTo(Parcel.class.getName());
            assertThat(Instant.parse(headers.get("ce-time").asText())).isEqualTo(receipt.time());
            assertThat(headers.get("ce-datacontenttype").asText()).isEqualTo("application/json");
            assertThat(headers.get("ce-partitionkey").asText()).isEqualTo("basel");
            assertThat(headers.get("ce-courierserializer").asText()).isEqualTo("json");
            assertThat(read.get("data").get("parcelId").asText()).isEqualTo("p-1");
            assertThat(read.get("data").get("city").asText()).isEqualTo("Basel");
            assertThat(read.get("data").get("grams").asInt()).isEqualTo(1200);

            List<Event<Parcel>> handled = new CopyOnWriteArrayList<>();
            Subscription subscription = broker.subscribe(
                    SubscriptionOptions.builder("parcels", "sorting", Parcel.class)
                            .build(),
                    handled::add);
            node(client, "publish", NatsNames.subject("parcels", 0), Parcel.class.getName());
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 2);
            assertThat(subscription.close(Duration.ofSeconds(10))).isTrue();
            Event<Parcel> event = handled.stream()
                    .filter(e -> e.id().equals("node-1"))
                    .findFirst()
                    .orElseThrow();
            assertThat(event.payload()).isEqualTo(new Parcel("p-2", "Zürich", 750));
            assertThat(event.key()).isEqualTo("Zürich");
            assertThat(event.source()).isEqualTo("/scripts/node nats");
            assertThat(event.time()).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
        }
    }

    /** The npm package in target/, installed once per directory (npm's cache, ~/.npm, makes it fast). */
    private static Path installClient() throws Exception {
        StockClient.requireProgram("/usr/bin/node", "nodejs");
        StockClient.requireProgram("/usr/bin/npm", "npm");
        Path work = Files.createDirectories(Path.of("target", "nats-client")).toAbsolutePath();
        Path installed = work.resolve("node_modules").resolve(".courier-packages");
        if (!Files.isRegularFile(installed) || !Files.readString(installed).equals(PACKAGE)) {
            Files.writeString(work.resolve("package.json"), "{\"name\":\"nats-client\",\"private\":true}");
            StockClient.run(
                            List.of(
                                    "npm",
                                    "install",
                                    "--no-audit",
                                    "--no-fund",
                                    "--loglevel=error",
                                    "--prefer-offline",
                                    PACKAGE),
                            null,
                            Duration.ofSeconds(120),
                            work)
                    .outputIfSucceeded();
            Files.writeString(installed, PACKAGE);
        }
        Files.writeString(work.resolve("client.mjs"), SCRIPT);
        return work;
    }

    private static String node(Path client, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("node", "client.mjs", arguments[0]));
        command.add(nats.settings().get("courier.events.nats.servers"));
        command.addAll(List.of(arguments).subList(1, arguments.length));
        return StockClient.run(command, null, Duration.ofSeconds(40), client).outputIfSucceeded();
    }
}

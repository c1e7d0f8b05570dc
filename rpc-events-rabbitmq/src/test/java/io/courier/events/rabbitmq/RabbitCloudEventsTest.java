package io.courier.events.rabbitmq;

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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Courier's events as CloudEvents on RabbitMQ, seen by a client we did not write: Python's pika
 * (Debian's python3-pika) reads an event a Courier publisher wrote (the AMQP binding's {@code
 * cloudEvents:*} application properties, the {@code content-type} property, the JSON data) from a
 * queue of its own, and a CloudEvent pika publishes is handled by a Courier subscriber.
 */
@Timeout(120)
class RabbitCloudEventsTest {

    @RegisterExtension
    static final RabbitContractServer rabbit = new RabbitContractServer();

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The event of this test. */
    public record Parcel(String parcelId, String city, int grams) {}

    /** pika: declares (mode "bind") or reads and deletes (mode "get") the queue python-reader, or publishes one event. */
    private static final String PIKA =
            """
            import json, sys, time, pika
            mode, uri = sys.argv[1], sys.argv[2]
            channel = pika.BlockingConnection(pika.URLParameters(uri)).channel()
            if mode == "bind":
                channel.exchange_declare("courier.events", exchange_type="direct", durable=True)
                channel.queue_declare("python-reader")
                channel.queue_bind("python-reader", "courier.events", routing_key="parcels")
            elif mode == "get":
                deadline = time.monotonic() + 20
                method, properties, body = channel.basic_get("python-reader", auto_ack=True)
                while method is None and time.monotonic() < deadline:
                    time.sleep(0.1)
                    method, properties, body = channel.basic_get("python-reader", auto_ack=True)
                channel.queue_delete("python-reader")
                text = lambda v: v.decode() if isinstance(v, bytes) else v
                print(json.dumps({"contentType": properties.content_type,
                                  "headers": {k: text(v) for k, v in properties.headers.items()},
                                  "data": json.loads(body)}))
            else:
                channel.confirm_delivery()
                channel.basic_publish("courier.events", "parcels", json.dumps(
                        {"parcelId": "p-2", "city": "Zürich", "grams": 750}).encode(),
                    pika.BasicProperties(content_type="application/json", delivery_mode=2, headers={
                        "cloudEvents:specversion": "1.0", "cloudEvents:id": "pika-1",
                        "cloudEvents:source": "/scripts/pika", "cloudEvents:type": sys.argv[3],
                        "cloudEvents:time": "2026-11-27T08:00:00Z", "cloudEvents:partitionkey": "zurich"}),
                    mandatory=True)
            """;

    @Test
    void pikaReadsCourierEvents_andCourierHandlesTheCloudEventPikaPublishes() throws Exception {
        StockClient.requirePythonModule("pika", "python3-pika");
        try (EventBroker broker = EventBrokers.open(EventBrokerContext.of("depot", rabbit.settings()))) {
            pika("bind");
            PublishReceipt receipt = broker.publisher("parcels", Parcel.class)
                    .publish("basel", new Parcel("p-1", "Basel", 1200))
                    .get(30, TimeUnit.SECONDS);
            JsonNode read = JSON.readTree(pika("get"));
            JsonNode headers = read.get("headers");
            assertThat(read.get("contentType").asText()).isEqualTo("application/json");
            assertThat(headers.get("cloudEvents:specversion").asText()).isEqualTo("1.0");
            assertThat(headers.get("cloudEvents:id").asText()).isEqualTo(receipt.eventId());
            assertThat(headers.get("cloudEvents:source").asText()).isEqualTo("depot");
            assertThat(headers.get("cloudEvents:type").asText()).isEqualTo(Parcel.class.getName());
            assertThat(Instant.parse(headers.get("cloudEvents:time").asText())).isEqualTo(receipt.time());
            assertThat(headers.get("cloudEvents:partitionkey").asText()).isEqualTo("basel");
            assertThat(headers.get("cloudEvents:courierserializer").asText()).isEqualTo("json");
            assertThat(read.get("data").get("parcelId").asText()).isEqualTo("p-1");
            assertThat(read.get("data").get("city").asText()).isEqualTo("Basel");
            assertThat(read.get("data").get("grams").asInt()).isEqualTo(1200);

            List<Event<Parcel>> handled = new CopyOnWriteArrayList<>();
            Subscription subscription = broker.subscribe(
                    SubscriptionOptions.builder("parcels", "sorting", Parcel.class)
                            .build(),
                    handled::add);
            pika("publish", Parcel.class.getName());
            await().atMost(Duration.ofSeconds(30)).until(() -> !handled.isEmpty());
            assertThat(subscription.close(Duration.ofSeconds(10))).isTrue();
            Event<Parcel> event = handled.get(0);
            assertThat(event.id()).isEqualTo("pika-1");
            assertThat(event.payload()).isEqualTo(new Parcel("p-2", "Zürich", 750));
            assertThat(event.key()).isEqualTo("zurich");
            assertThat(event.source()).isEqualTo("/scripts/pika");
            assertThat(event.time()).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
        }
    }

    private static String pika(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(StockClient.PYTHON, "-c", PIKA, arguments[0]));
        command.add(rabbit.settings().get("courier.events.amqp.uri"));
        command.addAll(List.of(arguments).subList(1, arguments.length));
        return StockClient.run(command, null, Duration.ofSeconds(40)).outputIfSucceeded();
    }
}

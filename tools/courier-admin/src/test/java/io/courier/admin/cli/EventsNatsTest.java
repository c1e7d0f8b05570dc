package io.courier.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.event.EventKeys;
import io.courier.api.event.SubscriptionOptions;
import io.courier.api.event.UnprocessableEventException;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.config.ApplicationKeys;
import io.courier.events.nats.NatsEventKeys;
import io.courier.events.nats.NatsServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code courier-admin events} on an application whose broker is NATS JetStream (Debian's nats-server
 * on a loopback port): the stream, the dead-letter stream with the event the handler refused, the
 * group's lag per partition from JetStream's consumers, and what JetStream does not show said in words.
 */
@Timeout(60)
class EventsNatsTest {

    @Test
    void events_printsTheNatsStreamsConsumersAndDeadLetters() throws Exception {
        try (NatsServer nats = NatsServer.start();
                Courier app = Courier.builder()
                        .application("depot")
                        .host("127.0.0.1")
                        .port(0)
                        .shutdownHook(false)
                        .property(ApplicationKeys.ADMIN_PORT.name(), "0")
                        .property(EventKeys.BROKER.name(), "nats")
                        .property(NatsEventKeys.SERVERS.name(), nats.url())
                        .property(NatsEventKeys.PARTITIONS.name(), "2")
                        .start()) {
            app.events()
                    .subscribe(
                            SubscriptionOptions.builder("parcels", "sorter", String.class)
                                    .build(),
                            event -> {
                                if (event.payload().equals("poison")) {
                                    throw new UnprocessableEventException("not a parcel");
                                }
                            });
            for (String payload : new String[] {"a", "b", "poison"}) {
                app.events()
                        .publisher("parcels", String.class)
                        .publish(payload, payload)
                        .get(10, TimeUnit.SECONDS);
            }
            String address = "127.0.0.1:" + app.adminPort().orElseThrow();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> run("events", "--admin", address).contains("parcels.dlt"));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(run("events", "--admin", address))
                    .contains("broker nats nats://127.0.0.1:")
                    .contains("not shown by this broker: group state and members")
                    .containsPattern("parcels\\s+events\\s+2\\s+3\\s+3")
                    .containsPattern("parcels.dlt\\s+dead letters\\s+2\\s+1\\s+1")
                    .containsPattern("sorter\\s+parcels\\s+-\\s+-\\s+no\\s+0\\s+2\\s+0\\s+1")
                    .containsPattern("partition 0\\s+committed \\S+\\s+end 4\\s+lag 0\\s+held by -"));
        }
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Cli.run(
                args,
                Map.of(),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(Cli.OK);
        return out.toString(StandardCharsets.UTF_8);
    }
}

package io.courier.events.nats;

import static org.awaitility.Awaitility.await;

import io.courier.api.event.EventBroker;
import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventBrokers;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.SubscriptionOptions;
import io.courier.testkit.SilentProxy;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A subscriber's connection that the client believes up while nothing comes back over it (a proxy
 * between it and nats-server mutes it, as a cluster node was seen to after another was killed): its
 * pulls hear no heartbeat, and with nothing else heard for the request timeout the broker reconnects,
 * through the same proxy, which forwards new connections; the events flow on. The client's own pings
 * (every two minutes) would notice only long after.
 */
@Timeout(90)
class NatsMutedConnectionTest {

    private static final String TOPIC = "muted.parcels";

    @RegisterExtension
    static final NatsContractServer nats = new NatsContractServer();

    @Test
    void pullsThatHearNothing_onAConnectionThatLooksUp_makeTheBrokerReconnect_andTheEventsFlowOn() throws Exception {
        Set<String> handled = ConcurrentHashMap.newKeySet();
        int serverPort =
                URI.create(nats.settings().get("courier.events.nats.servers")).getPort();
        try (SilentProxy proxy = SilentProxy.listen().forwardTo(serverPort);
                EventBroker subscriber = EventBrokers.open(EventBrokerContext.of("inventory", through(proxy)));
                EventBroker shop = EventBrokers.open(EventBrokerContext.of("shop", nats.settings()))) {
            EventPublisher<String> publisher = shop.publisher(TOPIC, String.class);
            subscriber.subscribe(
                    SubscriptionOptions.builder(TOPIC, "inventory", String.class)
                            .build(),
                    event -> handled.add(event.payload()));
            publisher.publish("before", "before").get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains("before"));

            proxy.muteConnections();
            publisher.publish("after", "after").get(10, TimeUnit.SECONDS);

            // a heartbeat is missed 4.5 s after a pull was lost; the reconnect comes once 10 s passed unheard
            await().atMost(Duration.ofSeconds(45)).until(() -> handled.contains("after"));
        }
    }

    private static Map<String, String> through(SilentProxy proxy) {
        Map<String, String> settings = new HashMap<>(nats.settings());
        settings.put("courier.events.nats.servers", "nats://127.0.0.1:" + proxy.port());
        return settings;
    }
}

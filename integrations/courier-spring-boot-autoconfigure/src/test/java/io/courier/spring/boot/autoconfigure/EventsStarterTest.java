package io.courier.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.courier.api.event.EventBroker;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.Courier;
import io.courier.events.kafka.embedded.EmbeddedKafka;
import io.courier.spring.boot.autoconfigure.events.Checkout;
import io.courier.spring.boot.autoconfigure.events.EventsApplication;
import io.courier.spring.boot.autoconfigure.events.Inventory;
import io.courier.spring.boot.autoconfigure.events.OrderPlaced;
import io.courier.spring.boot.autoconfigure.events.WrongPublisherApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Events in a Spring Boot application, on a real Kafka (the embedded KRaft broker, reached through
 * {@code courier.events.*} Spring properties): publishers injected by {@code @EventTopic}, a plain
 * bean's {@code @Subscribe} method subscribed through its proxy, meters in the context's registry, and
 * the context's close waiting for the handler in flight, committing and leaving the group.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EventsStarterTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void publishersInjected_subscriberBeanHandlesThroughItsProxy_andCloseFinishesTheHandlerCommitsAndLeaves()
            throws Exception {
        EventsApplication.ADVISED.set(0);
        ConfigurableApplicationContext context = start(EventsApplication.class);
        Inventory inventory = context.getBean(Inventory.class);
        try {
            Checkout checkout = context.getBean(Checkout.class);
            Courier courier = context.getBean(Courier.class);
            CourierLifecycle lifecycle = context.getBean(CourierLifecycle.class);
            assertThat(checkout.fieldPublisher()).isSameAs(checkout.constructorPublisher());
            assertThat(context.getBean(EventBroker.class)).isSameAs(courier.events());

            checkout.place(new OrderPlaced("o-1", 4200)).get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(45))
                    .until(() -> inventory.handled().contains("o-1"));
            assertThat(EventsApplication.ADVISED)
                    .as("calls through the bean's proxy")
                    .hasValue(1);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get("courier.events.published")
                            .tag("topic", EventsApplication.TOPIC)
                            .tag("outcome", "acknowledged")
                            .counter()
                            .count())
                    .isEqualTo(1.0);

            checkout.place(new OrderPlaced("hold-2", 100)).get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(inventory::holding);
            CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
            await().atMost(Duration.ofSeconds(10)).until(() -> lifecycle.state() == CourierLifecycle.State.STOPPING);
            assertThat(closing).as("the close waits for the handler in flight").isNotDone();
            inventory.release();
            closing.get(60, TimeUnit.SECONDS);
            assertThat(inventory.handled()).containsExactly("o-1", "hold-2");
            assertThat(courier.isClosed()).isTrue();
        } finally {
            inventory.release();
            context.close();
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(EventsApplication.GROUP))
                    .describedGroups()
                    .get(EventsApplication.GROUP)
                    .get(30, TimeUnit.SECONDS);
            assertThat(group.members()).as("members after the close").isEmpty();
            assertThat(group.groupState()).isEqualTo(GroupState.EMPTY);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(EventsApplication.GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            assertThat(committed.values().stream()
                            .mapToLong(OffsetAndMetadata::offset)
                            .sum())
                    .as("offsets committed: both events, the one in flight at the close included")
                    .isEqualTo(2);
        }
    }

    @Test
    void eventTopicOnAFieldThatIsNoPublisher_stopsTheStartNamingTheField() {
        Throwable failure = catchThrowable(() -> start(WrongPublisherApplication.class));

        assertThat(failure).hasRootCauseInstanceOf(ConfigurationException.class);
        assertThat(rootCause(failure))
                .hasMessageContaining("@EventTopic on field " + WrongPublisherApplication.Misdeclared.class.getName()
                        + ".orders: type java.lang.String (expected: EventPublisher<E> with E the event class)");
    }

    private static ConfigurableApplicationContext start(Class<?> application) {
        return new SpringApplicationBuilder(application)
                .properties(
                        "spring.main.web-application-type=none",
                        "courier.application.name=spring-events",
                        "courier.server.host=127.0.0.1",
                        "courier.server.port=0",
                        "courier.events.broker=kafka",
                        "courier.events.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                        "courier.events.kafka.partitions=2",
                        "courier.events.kafka.replication-factor=1",
                        "courier.events.kafka.session-timeout-millis=6000")
                .run();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}

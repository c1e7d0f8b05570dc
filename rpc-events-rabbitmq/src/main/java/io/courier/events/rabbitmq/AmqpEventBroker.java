package io.courier.events.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.courier.api.event.BrokerSnapshot;
import io.courier.api.event.EventBroker;
import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventCapability;
import io.courier.api.event.EventHandler;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.Subscription;
import io.courier.api.event.SubscriptionOptions;
import io.courier.events.core.Attempts;
import io.courier.events.core.CloudEvents;
import io.courier.events.core.EventEnvelope;
import io.courier.events.core.EventSpans;
import io.courier.events.core.TypedPublishers;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The events API on RabbitMQ: one connection (recovering by itself), a confirm channel the publishers
 * share, and per subscription a member consuming the group's queue (docs/events.md, "RabbitMQ").
 * Declares no {@link EventCapability}: queues keep no history to replay, and competing consumers
 * cannot keep order per key. Thread-safe.
 */
public final class AmqpEventBroker implements EventBroker {

    private static final String NO_ORDER = "consumers competing for a queue handle a key's consecutive events"
            + " at once; run one member per group (concurrency 1) where order per key matters";

    private final AmqpSettings settings;
    private final ExecutorService handlers;
    private final Connection connection;
    private final Channel publishing;
    private final Confirms confirms;
    private final Topology topology;
    private final EventEnvelope envelope = new EventEnvelope(CloudEvents.Binding.AMQP);
    private final EventSpans spans;
    private final TypedPublishers publishers = new TypedPublishers();
    private final List<AmqpSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private AmqpEventBroker(AmqpSettings settings, OpenTelemetry telemetry) {
        this.settings = settings;
        this.topology = new Topology(settings);
        this.spans = new EventSpans("rabbitmq", telemetry);
        // handlers block (retries, slow work): a pool that grows, not the client's fixed one
        this.handlers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "courier-amqp-handler");
            thread.setDaemon(true);
            return thread;
        });
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(settings.uri());
            factory.setAutomaticRecoveryEnabled(true);
            this.connection = factory.newConnection(
                    handlers, settings.application().isEmpty() ? "courier" : settings.application());
            this.publishing = connection.createChannel();
            topology.declareExchange(publishing);
            this.confirms = new Confirms(publishing);
        } catch (Exception e) {
            handlers.shutdownNow();
            throw new IllegalStateException(
                    AmqpEventKeys.URI.name() + ": cannot connect to " + settings.where() + ": " + rootMessage(e), e);
        }
    }

    /** A broker on {@code context}'s settings, tracing with the application's OpenTelemetry if it has one. */
    public static AmqpEventBroker create(EventBrokerContext context) {
        OpenTelemetry telemetry = context.shared(OpenTelemetry.class).orElseGet(GlobalOpenTelemetry::get);
        return new AmqpEventBroker(AmqpSettings.from(context), telemetry);
    }

    @Override
    public Set<EventCapability> capabilities() {
        return Set.of();
    }

    /** Each group's queue and each dead-letter topic's queue as AMQP tells them (see {@link AmqpSnapshot}). */
    @Override
    public BrokerSnapshot snapshot(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        checkOpen();
        return new AmqpSnapshot(connection, handlers, "amqp " + settings.where())
                .read(publishers.topics(), subscriptions, timeout);
    }

    @Override
    public <E> EventPublisher<E> publisher(String topic, Class<E> eventType) {
        checkOpen();
        return publishers.get(
                topic, eventType, (name, type) -> new AmqpPublisher<>(name, type, confirms, envelope, spans, settings));
    }

    /**
     * Subscribes one member to the group's queue.
     *
     * @throws UnsupportedOperationException if {@code options} asks for a concurrency above 1 ({@link
     *     EventCapability#ORDER_PER_KEY_ACROSS_MEMBERS}), saying why
     */
    @Override
    public <E> Subscription subscribe(SubscriptionOptions<E> options, EventHandler<E> handler) {
        checkOpen();
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(handler, "handler");
        if (options.concurrency() > 1) {
            throw EventCapability.ORDER_PER_KEY_ACROSS_MEMBERS.refusedBy("amqp", NO_ORDER);
        }
        try {
            declareGroup(options);
            AmqpMember<E> member = new AmqpMember<>(
                    connection,
                    options,
                    new Attempts<>(options, handler, spans),
                    envelope,
                    settings,
                    this::declareGroup);
            AmqpSubscription subscription = new AmqpSubscription(options, member, subscriptions::remove);
            subscriptions.add(subscription);
            return subscription;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot subscribe to " + options.topic() + " at " + settings.where(), e);
        }
    }

    private void declareGroup(SubscriptionOptions<?> options) throws IOException {
        synchronized (publishing) {
            topology.declareGroup(publishing, options);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AmqpSubscription subscription : List.copyOf(subscriptions)) {
            subscription.close(Duration.ofSeconds(30));
        }
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            // already closed by the broker
        }
        confirms.failAll("the event broker closed before the broker confirmed the event");
        handlers.shutdownNow();
    }

    /** The innermost message (the client wraps the broker's refusal, such as an unknown virtual host). */
    private static String rootMessage(Throwable failure) {
        String message = failure.toString();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the RabbitMQ event broker is closed");
        }
    }
}

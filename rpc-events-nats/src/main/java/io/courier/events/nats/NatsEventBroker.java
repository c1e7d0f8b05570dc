package io.courier.events.nats;

import io.courier.api.event.BrokerSnapshot;
import io.courier.api.event.EventBroker;
import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventCapability;
import io.courier.api.event.EventHandler;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.Subscription;
import io.courier.api.event.SubscriptionOptions;
import io.courier.events.core.CloudEvents;
import io.courier.events.core.EventEnvelope;
import io.courier.events.core.EventSpans;
import io.courier.events.core.TypedPublishers;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events API on NATS JetStream: one connection, a stream per topic with a subject per partition,
 * and per subscription the group's durable pull consumers (docs/events.md, "NATS JetStream").
 * Thread-safe.
 */
public final class NatsEventBroker implements EventBroker {

    private static final Logger log = LoggerFactory.getLogger(NatsEventBroker.class);

    private final NatsSettings settings;
    private final Connection connection;
    private final JetStream jetStream;
    private final Streams streams;
    private final EventEnvelope envelope = new EventEnvelope(CloudEvents.Binding.NATS);
    private final EventSpans spans;
    private final DeadLetters deadLetters;
    private final ScheduledExecutorService timer;
    private final Unanswered unanswered;
    private final TypedPublishers publishers = new TypedPublishers();
    private final List<NatsSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * JetStream's API requests (creating a stream or a consumer, a synchronous publish) wait up to 10 s:
     * the client's 2 s is too short for a cluster electing a stream's leader among its replicas.
     */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final JetStreamOptions API =
            JetStreamOptions.builder().requestTimeout(REQUEST_TIMEOUT).build();

    /** How long a deleted consumer is left to a replay that creates it again before it is created from {@code startFrom}. */
    private static final Duration RECREATE_AFTER = Duration.ofSeconds(2);

    /** What the client keeps of publishes while disconnected (NATS's default is 8 MiB). */
    static final long RECONNECT_BUFFER_BYTES = 1024 * 1024;

    /**
     * The client's outgoing queue, in messages: above what the reconnect buffer can hold (a published
     * message is over 100 bytes with its headers), so that a disconnected client never fills it.
     */
    static final int OUTGOING_QUEUE_MESSAGES = 20_000;

    private NatsEventBroker(NatsSettings settings, OpenTelemetry telemetry) {
        this.settings = settings;
        try {
            this.connection = Nats.connect(new Options.Builder()
                    .servers(settings.servers().split(","))
                    .connectionName(settings.application().isEmpty() ? "courier" : settings.application())
                    .maxReconnects(-1)
                    // While the client is disconnected, publishes wait in its outgoing queue, to be sent when
                    // it reconnects. The client's queue was bounded by count only (5,000): once full, a publish
                    // blocked its caller for the connection timeout while holding the queue's lock, which the
                    // reconnect must take, and a steady publisher kept the client disconnected with the server
                    // back (a test lost every acknowledgement for 90 s). Now the bytes held while disconnected
                    // run out first, and a publish past them fails at once; the count is only a backstop for a
                    // connected client whose server reads slowly, and a publish past it is discarded (its future
                    // fails after the publish timeout), never blocked.
                    .reconnectBufferSize(RECONNECT_BUFFER_BYTES)
                    .maxMessagesInOutgoingQueue(OUTGOING_QUEUE_MESSAGES)
                    .discardMessagesWhenOutgoingQueueFull()
                    .errorListener(new NatsErrors(this::consumerDeleted, this::heartbeatMissed))
                    .connectionListener(this::connectionEvent)
                    .build());
        } catch (IOException e) {
            throw new IllegalStateException(
                    NatsEventKeys.SERVERS.name() + ": cannot connect to " + settings.servers() + ": " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + settings.servers(), e);
        }
        try {
            this.jetStream = connection.jetStream(API);
            JetStreamManagement management = connection.jetStreamManagement(API);
            this.streams = new Streams(management, settings);
        } catch (IOException e) {
            closeConnection();
            throw new IllegalStateException("no JetStream at " + settings.servers() + ": " + e.getMessage(), e);
        }
        this.unanswered = new Unanswered(connection, REQUEST_TIMEOUT);
        this.spans = new EventSpans("nats", telemetry);
        this.deadLetters = new DeadLetters(jetStream, settings.partitions(), envelope);
        this.timer = Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "courier-nats-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    // a server restart (or the client moving to another server of a cluster) drops the pulls in flight:
    // the subscriptions pull again at once instead of waiting for the client's missed-heartbeat alarm
    private void connectionEvent(Connection source, ConnectionListener.Events event) {
        if (event != ConnectionListener.Events.DISCOVERED_SERVERS) {
            // what an operator reads a stall or a catch-up against: when the connection left, and where it went
            log.info("NATS connection of {}: {} ({})", settings.application(), event, source.getConnectedUrl());
        }
        if (event == ConnectionListener.Events.RESUBSCRIBED) {
            later(Duration.ZERO, () -> subscriptions.forEach(NatsSubscription::pullAgain));
        }
    }

    // a pull that heard no heartbeat counts as a request left unanswered: after a cluster node was killed, a
    // client that reconnected to another node at that instant was seen connected, its pulls and requests
    // reaching no consumer for good, until it reconnected once more
    private void heartbeatMissed() {
        Unanswered watch = unanswered; // null while the constructor runs
        if (watch != null) {
            watch.failed(new TimeoutException("no heartbeat for a pull request"));
        }
    }

    // a group's consumer deleted under its pulls: by hand, or by a replay (here or in another process) that
    // creates it again at once, which the wait lets finish before the subscriptions create it if it is gone
    private void consumerDeleted(String stream, String consumer) {
        later(
                RECREATE_AFTER,
                () -> subscriptions.forEach(subscription -> subscription.consumerDeleted(stream, consumer)));
    }

    private void later(Duration delay, Runnable task) {
        ScheduledExecutorService tasks = timer;
        if (tasks != null && !closed) {
            try {
                tasks.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closing: nothing to do
            }
        }
    }

    /** A broker on {@code context}'s settings, tracing with the application's OpenTelemetry if it has one. */
    public static NatsEventBroker create(EventBrokerContext context) {
        OpenTelemetry telemetry = context.shared(OpenTelemetry.class).orElseGet(GlobalOpenTelemetry::get);
        return new NatsEventBroker(NatsSettings.from(context), telemetry);
    }

    /**
     * JetStream keeps each stream's events (for {@code max-age-millis}), numbered and timed: both
     * replays; one unacknowledged event per partition and group keeps order per key across members.
     */
    @Override
    public Set<EventCapability> capabilities() {
        return EnumSet.allOf(EventCapability.class);
    }

    /**
     * Each topic's stream and each group's consumers as JetStream keeps them (see {@link NatsSnapshot});
     * a JetStream request waits at most {@code timeout}.
     */
    @Override
    public BrokerSnapshot snapshot(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        checkOpen();
        JetStreamManagement management;
        try {
            management = connection.jetStreamManagement(
                    JetStreamOptions.builder().requestTimeout(timeout).build());
        } catch (IOException e) {
            return new BrokerSnapshot(where(), Instant.now(), "no JetStream: " + e.getMessage(), List.of(), List.of());
        }
        return new NatsSnapshot(management, where(), connection).read(publishers.topics(), subscriptions, timeout);
    }

    private String where() {
        return "nats " + settings.servers();
    }

    @Override
    public <E> EventPublisher<E> publisher(String topic, Class<E> eventType) {
        checkOpen();
        return publishers.get(topic, eventType, (name, type) -> {
            streams.ensure(name);
            return new NatsPublisher<>(name, type, jetStream, unanswered, envelope, spans, settings);
        });
    }

    @Override
    public <E> Subscription subscribe(SubscriptionOptions<E> options, EventHandler<E> handler) {
        checkOpen();
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(handler, "handler");
        streams.ensure(options.topic());
        streams.ensure(options.deadLetterTopic());
        GroupConsumers consumers = new GroupConsumers(streams.management(), options, settings);
        Handling<E> handling = new Handling<>(options, handler, envelope, deadLetters, spans, timer, settings);
        NatsSubscription subscription = new NatsSubscription(
                options,
                consumers,
                handling.counts(),
                (partitions, stopping, closing) ->
                        new Member(connection, unanswered, consumers, handling, partitions, stopping, closing),
                settings.partitions(),
                timer,
                subscriptions::remove);
        subscriptions.add(subscription);
        return subscription;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (NatsSubscription subscription : List.copyOf(subscriptions)) {
            subscription.close(Duration.ofSeconds(30));
        }
        timer.shutdownNow();
        closeConnection();
    }

    private void closeConnection() {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the NATS event broker is closed");
        }
    }
}

package io.courier.events.kafka;

import io.courier.api.event.BrokerSnapshot;
import io.courier.api.event.EventBroker;
import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventCapability;
import io.courier.api.event.EventHandler;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.Subscription;
import io.courier.api.event.SubscriptionOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events API on Kafka: one idempotent producer (acks=all) for every publisher and the
 * dead-letter writes, and a consumer per subscription thread. Thread-safe; close it to close them.
 */
public final class KafkaEventBroker implements EventBroker {

    private static final Logger log = LoggerFactory.getLogger(KafkaEventBroker.class);
    /** Numbers the client ids of brokers in one JVM, which Kafka wants unique. */
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final KafkaSettings settings;
    private final String clientPrefix;
    private final Producer<byte[], byte[]> producer;
    private final Topics topics;
    private final EventCodec codec = new EventCodec();
    private final EventTracing tracing;
    private final EventMetrics metrics;
    private final DeadLetters deadLetters;
    private final AutoCloseable closedAfter;
    private final Map<String, KafkaPublisher<?>> publishers = new ConcurrentHashMap<>();
    private final Set<KafkaSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger consumers = new AtomicInteger();
    private volatile boolean closed;

    private KafkaEventBroker(Builder builder) {
        KafkaSettings settings = builder.settings;
        this.settings = settings;
        this.clientPrefix = (settings.application().isEmpty() ? "courier" : settings.application()) + "-"
                + INSTANCES.incrementAndGet();
        this.producer = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
        this.topics = new Topics(settings);
        this.tracing = new EventTracing(builder.telemetry != null ? builder.telemetry : globalTelemetry());
        this.metrics = new EventMetrics(builder.meters != null ? builder.meters : Metrics.globalRegistry);
        this.deadLetters = new DeadLetters(producer, settings.deliveryTimeoutMillis());
        this.closedAfter = builder.closedAfter;
    }

    /**
     * A broker on {@code settings}, tracing through the global OpenTelemetry (a no-op without an SDK)
     * and metering into Micrometer's global registry: for code without an application. A factory
     * uses the application's own objects instead ({@link Builder#sharedObjectsOf}).
     */
    public static KafkaEventBroker create(KafkaSettings settings) {
        return builder(settings).build();
    }

    /** A builder of a broker on {@code settings}. */
    public static Builder builder(KafkaSettings settings) {
        return new Builder(settings);
    }

    /** What it was configured with. */
    public KafkaSettings settings() {
        return settings;
    }

    @Override
    public <E> EventPublisher<E> publisher(String topic, Class<E> eventType) {
        checkOpen();
        SubscriptionOptions.builder(topic, "publisher", eventType).build(); // checks the name
        KafkaPublisher<?> publisher = publishers.computeIfAbsent(topic, name -> {
            topics.ensure(name);
            return new KafkaPublisher<>(name, eventType, producer, codec, tracing, metrics.publishing(name), settings);
        });
        if (!publisher.type().equals(eventType)) {
            throw new IllegalArgumentException("publisher of topic '" + topic + "': type " + eventType.getName()
                    + " (expected: " + publisher.type().getName() + ", the type its publisher was made with)");
        }
        @SuppressWarnings("unchecked")
        EventPublisher<E> typed = (EventPublisher<E>) publisher;
        return typed;
    }

    @Override
    public <E> Subscription subscribe(SubscriptionOptions<E> options, EventHandler<E> handler) {
        checkOpen();
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(handler, "handler");
        topics.ensure(options.topic());
        topics.ensure(options.deadLetterTopic());
        LoopState state = new LoopState();
        List<ConsumerLoop<E>> loops = new ArrayList<>(options.concurrency());
        for (int i = 0; i < options.concurrency(); i++) {
            loops.add(new ConsumerLoop<>(
                    options, handler, consumerProperties(options), codec, deadLetters, tracing, metrics, state));
        }
        KafkaSubscription subscription = new KafkaSubscription(options, loops, state, subscriptions::remove);
        subscriptions.add(subscription);
        subscription.start();
        return subscription;
    }

    /**
     * Its topics with their offsets and its subscriptions with their groups' lag, from the brokers
     * within {@code timeout} (see {@link BrokerSnapshot}); asks the brokers with the admin client topic
     * creation uses. Topics are those of its publishers and subscriptions, dead-letter topics among them.
     */
    @Override
    public BrokerSnapshot snapshot(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        checkOpen();
        return new SnapshotReader(topics.admin(), "kafka " + settings.bootstrapServers())
                .read(publishers.keySet(), List.copyOf(subscriptions), timeout);
    }

    /** Kafka keeps every event for the topic's retention, numbered and indexed by time: every capability. */
    @Override
    public Set<EventCapability> capabilities() {
        return EnumSet.allOf(EventCapability.class);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (KafkaSubscription subscription : List.copyOf(subscriptions)) {
            if (!subscription.close(Duration.ofSeconds(30))) {
                log.warn(
                        "events: a consumer of '{}' did not stop within 30 s",
                        subscription.options().topic());
            }
        }
        producer.close(Duration.ofSeconds(10));
        topics.close();
        try {
            closedAfter.close();
        } catch (Exception e) {
            log.warn("events: closing {} failed", closedAfter, e);
        }
    }

    /** The global OpenTelemetry, read without installing the no-op one where the API allows it. */
    private static OpenTelemetry globalTelemetry() {
        try {
            return GlobalOpenTelemetry.getOrNoop();
        } catch (NoSuchMethodError e) {
            // an OpenTelemetry API before 1.57 (Spring Boot 3.4 and 3.5 manage 1.43 and 1.49)
            return GlobalOpenTelemetry.get();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the event broker is closed");
        }
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> properties = new HashMap<>(settings.clientProperties(clientPrefix + "-producer"));
        // durable and not duplicated by the producer's own retries
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        int delivery = settings.deliveryTimeoutMillis();
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        // delivery.timeout.ms must be at least linger.ms + request.timeout.ms
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, delivery - 5));
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.maxBlockMillis());
        return properties;
    }

    private Map<String, Object> consumerProperties(SubscriptionOptions<?> options) {
        Map<String, Object> properties = new HashMap<>(
                settings.clientProperties(clientPrefix + "-" + options.group() + "-" + consumers.incrementAndGet()));
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, options.group());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                options.startFrom() == SubscriptionOptions.StartFrom.EARLIEST ? "earliest" : "latest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, settings.sessionTimeoutMillis());
        properties.put(
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.min(3000, settings.sessionTimeoutMillis() / 3));
        // a rebalance takes from each member only the partitions that move
        properties.put(
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                List.of(CooperativeStickyAssignor.class.getName()));
        return properties;
    }

    /** Builds a {@link KafkaEventBroker}. Not thread-safe. */
    public static final class Builder {
        private final KafkaSettings settings;
        private OpenTelemetry telemetry; // null: the global one, read at build()
        private MeterRegistry meters; // null: Micrometer's global registry
        private AutoCloseable closedAfter = () -> {};

        private Builder(KafkaSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /** Where spans go; the global OpenTelemetry by default. */
        public Builder openTelemetry(OpenTelemetry telemetry) {
            this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
            return this;
        }

        /** Where meters go; Micrometer's global registry by default. */
        public Builder meterRegistry(MeterRegistry meters) {
            this.meters = Objects.requireNonNull(meters, "meters");
            return this;
        }

        /**
         * The application's own {@link OpenTelemetry} and {@link MeterRegistry}, where {@code context}
         * has them ({@link EventBrokerContext#shared}); the defaults stay for those it has not.
         */
        public Builder sharedObjectsOf(EventBrokerContext context) {
            context.shared(OpenTelemetry.class).ifPresent(this::openTelemetry);
            context.shared(MeterRegistry.class).ifPresent(this::meterRegistry);
            return this;
        }

        /** Closed after the broker's clients (the embedded broker closes its Kafka server so). */
        public Builder closedAfter(AutoCloseable closedAfter) {
            this.closedAfter = Objects.requireNonNull(closedAfter, "closedAfter");
            return this;
        }

        /** The broker; its producer is created now, and connects in the background. */
        public KafkaEventBroker build() {
            return new KafkaEventBroker(this);
        }
    }
}

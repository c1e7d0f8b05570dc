package io.courier.events.kafka;

import io.courier.api.event.Event;
import io.courier.api.event.EventHandler;
import io.courier.api.event.SubscriptionOptions;
import io.courier.api.event.UnprocessableEventException;
import io.courier.events.core.UnreadableEventException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of a subscription's consumer group, on a thread of its own: polls a batch, hands its
 * events to the handler one at a time per partition (so order per key holds), retries a failing
 * event with backoff and then dead-letters it, and commits the offsets handled after each batch
 * (at least once). Paused or stopping, it stops between two events: it rewinds each partition to
 * its first unhandled event and commits what was handled; stopping, it then leaves the group.
 *
 * <p>Everything but {@link #command} and {@link #wakeup} runs on the loop's own thread.
 */
final class ConsumerLoop<E> implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration CLOSE = Duration.ofSeconds(10);
    /** How often a paused member asks the brokers for its partitions' end offsets, for its lag gauges. */
    // one small request a second, and only while paused: fresh enough for the console, which polls each second
    private static final long PAUSED_LAG_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final SubscriptionOptions<E> options;
    private final EventHandler<E> handler;
    private final Map<String, Object> properties;
    private final EventReader<E> reader;
    private final DeadLetters deadLetters;
    private final EventTracing tracing;
    private final EventTracing.Names spans;
    private final EventMetrics metrics;
    private final EventMetrics.Handling meters;
    private final LoopState state;
    private final Queue<Consumer<KafkaConsumer<byte[], byte[]>>> commands = new ConcurrentLinkedQueue<>();
    /** The next offset of each partition whose events were handled since the last commit. */
    private final Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private long pausedLagAt = System.nanoTime() - PAUSED_LAG_NANOS;

    ConsumerLoop(
            SubscriptionOptions<E> options,
            EventHandler<E> handler,
            Map<String, Object> properties,
            EventCodec codec,
            DeadLetters deadLetters,
            EventTracing tracing,
            EventMetrics metrics,
            LoopState state) {
        this.options = options;
        this.handler = handler;
        this.properties = properties;
        this.reader = codec.reader(options.eventType());
        this.deadLetters = deadLetters;
        this.tracing = tracing;
        this.spans = EventTracing.names(options.topic());
        this.metrics = metrics;
        this.meters = metrics.handling(options.topic(), options.group());
        this.state = state;
    }

    @Override
    public void run() {
        // handled offsets a commit could not write yet (the group is rebalancing) are written after
        // the next poll, which completes the rebalance; meanwhile applyPause fetches nothing
        try (KafkaConsumer<byte[], byte[]> kafka =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer = kafka;
            kafka.subscribe(List.of(options.topic()), new Rebalance(kafka));
            while (!state.stopping()) {
                runCommands(kafka);
                applyPause(kafka);
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = kafka.poll(POLL);
                } catch (WakeupException e) {
                    continue;
                }
                handleBatch(kafka, records);
                commit(kafka);
                recordLag(kafka);
            }
            commit(kafka);
            kafka.assignment().forEach(partition -> metrics.forgetLag(options.group(), partition));
            // leaves the group, so its partitions move at once rather than after the session timeout
            kafka.close(CloseOptions.timeout(CLOSE));
        } catch (KafkaException | IllegalStateException e) {
            log.error("events: the consumer of topic '{}' in group '{}' stopped", options.topic(), options.group(), e);
        } finally {
            done.countDown();
        }
    }

    private void recordLag(KafkaConsumer<byte[], byte[]> kafka) {
        if (state.paused()) {
            recordPausedLag(kafka);
            return;
        }
        for (TopicPartition partition : kafka.assignment()) {
            kafka.currentLag(partition).ifPresent(lag -> metrics.lag(options.group(), partition, lag));
        }
    }

    /**
     * A paused member fetches nothing, so the consumer's own idea of the end offsets stops; every
     * {@link #PAUSED_LAG_NANOS} it asks the brokers, so that the lag of a paused subscription grows as
     * events arrive.
     */
    private void recordPausedLag(KafkaConsumer<byte[], byte[]> kafka) {
        long now = System.nanoTime();
        if (now - pausedLagAt < PAUSED_LAG_NANOS || kafka.assignment().isEmpty()) {
            return;
        }
        pausedLagAt = now;
        try {
            Map<TopicPartition, Long> ends = kafka.endOffsets(kafka.assignment(), POLL);
            ends.forEach((partition, end) ->
                    metrics.lag(options.group(), partition, Math.max(0, end - kafka.position(partition, POLL))));
        } catch (WakeupException e) {
            pausedLagAt = now - PAUSED_LAG_NANOS; // a resume or a command came: try again next time
        } catch (KafkaException e) {
            log.debug("events: end offsets of paused group '{}' not read: {}", options.group(), e.toString());
        }
    }

    /** Runs {@code command} on the loop's thread, between two polls. */
    void command(Consumer<KafkaConsumer<byte[], byte[]>> command) {
        commands.add(command);
        wakeup();
    }

    /** Interrupts a poll in progress, so that a pause, a command or a stop is seen at once. */
    void wakeup() {
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Waits for the loop to end; whether it did within {@code millis}. */
    boolean awaitDone(long millis) throws InterruptedException {
        return done.await(millis, TimeUnit.MILLISECONDS);
    }

    private void runCommands(KafkaConsumer<byte[], byte[]> kafka) {
        Consumer<KafkaConsumer<byte[], byte[]>> command;
        while ((command = commands.poll()) != null) {
            commit(kafka);
            try {
                command.accept(kafka);
            } catch (WakeupException e) {
                // a wakeup meant for the poll interrupted the command: run it once more
                command.accept(kafka);
            }
        }
    }

    private void applyPause(KafkaConsumer<byte[], byte[]> kafka) {
        // while handled offsets wait for a rebalance to end, fetch nothing more: what a crash would
        // deliver again stays within one batch
        if (state.paused() || !handled.isEmpty()) {
            kafka.pause(kafka.assignment());
        } else if (!kafka.paused().isEmpty()) {
            kafka.resume(kafka.paused());
        }
    }

    private void handleBatch(KafkaConsumer<byte[], byte[]> kafka, ConsumerRecords<byte[], byte[]> records) {
        int held = records.count();
        state.buffered.add(held);
        try {
            for (TopicPartition partition : records.partitions()) {
                long next = -1;
                for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                    if (state.stopping() || state.paused() || !commands.isEmpty() || !handle(record)) {
                        // fetch this partition again from its first unhandled event
                        kafka.seek(partition, record.offset());
                        break;
                    }
                    next = record.offset() + 1;
                    held--;
                    state.buffered.decrement();
                }
                if (next >= 0) {
                    handled.put(partition, new OffsetAndMetadata(next));
                }
            }
        } finally {
            // what was not handled is fetched again: no longer held here
            state.buffered.add(-held);
        }
    }

    /** Handles one record with its retries; whether it is done with (handled or dead-lettered). */
    private boolean handle(ConsumerRecord<byte[], byte[]> record) {
        Event<E> event;
        try {
            event = reader.read(record);
        } catch (UnreadableEventException e) {
            // retrying cannot change the bytes: dead-lettered at once, and no class was loaded
            meters.unreadable().increment();
            state.unreadable.increment();
            return deadLetter(record, e.getMessage(), 0);
        }
        for (int attempt = 1; ; attempt++) {
            Throwable failure = attempt(event, attempt, record);
            if (failure == null) {
                meters.handled().increment();
                state.handled.increment();
                return true;
            }
            if (failure instanceof UnprocessableEventException || attempt >= options.maxAttempts()) {
                meters.deadLettered().increment();
                state.deadLettered.increment();
                return deadLetter(record, reason(failure), attempt);
            }
            meters.retried().increment();
            state.retried.increment();
            log.debug("events: attempt {} of event {} at {} failed", attempt, event.id(), event.position(), failure);
            if (state.awaitStop(options.backoffAfter(attempt))) {
                return false;
            }
        }
    }

    private Throwable attempt(Event<E> event, int attempt, ConsumerRecord<byte[], byte[]> record) {
        Span span = tracing.handling(spans, options.group(), event.traceContext(), record.headers());
        Throwable failure = null;
        long started = System.nanoTime();
        // an invalid span (no tracer, no parent) made current would change nothing the handler can see:
        // this thread's context is the root one between handlers
        try (Scope scope = span.getSpanContext().isValid() ? span.makeCurrent() : Scope.noop()) {
            handler.handle(attempt == 1 ? event : event.withAttempt(attempt));
        } catch (Exception | LinkageError | AssertionError e) {
            failure = e;
        } finally {
            EventTracing.end(span, failure);
            meters.time(started);
        }
        return failure;
    }

    private boolean deadLetter(ConsumerRecord<byte[], byte[]> record, String reason, int attempts) {
        log.warn(
                "events: {}-{}@{} goes to dead-letter topic '{}' after {} attempt(s): {}",
                record.topic(),
                record.partition(),
                record.offset(),
                options.deadLetterTopic(),
                attempts,
                reason);
        while (true) {
            try {
                if (deadLetters.send(options.deadLetterTopic(), options.group(), record, reason, attempts)) {
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                state.stop();
                return false;
            }
            // not acknowledged: the event must not be skipped, so try again until stopped
            if (state.awaitStop(Duration.ofSeconds(1))) {
                return false;
            }
        }
    }

    private static String reason(Throwable failure) {
        return failure.getClass().getName() + ": " + failure.getMessage();
    }

    private void commit(KafkaConsumer<byte[], byte[]> kafka) {
        // a partition that moved away without a revocation commit is handled again by its new owner
        handled.keySet().retainAll(kafka.assignment());
        if (handled.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(handled);
        for (int tries = 0; tries < 2; tries++) {
            try {
                kafka.commitSync(offsets);
                handled.keySet().removeAll(offsets.keySet());
                log.debug("events: committed {} in group '{}'", offsets, options.group());
                return;
            } catch (WakeupException e) {
                // a wakeup meant for the poll: commit again
            } catch (RebalanceInProgressException e) {
                // the group is rebalancing: the next poll completes that, and the offsets are committed then
                log.debug("events: commit of {} in group '{}' waits for the rebalance", offsets, options.group());
                return;
            } catch (KafkaException e) {
                // the partitions moved (or the broker is gone): their events are delivered again
                log.warn("events: commit of {} in group '{}' failed: {}", offsets, options.group(), e.toString());
                handled.keySet().removeAll(offsets.keySet());
                return;
            }
        }
    }

    /** Commits before partitions move away, and forgets those lost without a chance to commit. */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> kafka;

        Rebalance(KafkaConsumer<byte[], byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            log.debug("events: {} revoked from this member of group '{}'", partitions, options.group());
            commit(kafka);
            partitions.forEach(partition -> metrics.forgetLag(options.group(), partition));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            log.debug("events: {} assigned to this member of group '{}'", partitions, options.group());
            if (state.paused()) {
                kafka.pause(partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            handled.keySet().removeAll(partitions);
            partitions.forEach(partition -> metrics.forgetLag(options.group(), partition));
        }
    }
}

package io.courier.bench.events;

import io.courier.events.core.CloudEvents;
import io.courier.events.nats.NatsEventKeys;
import io.nats.client.Connection;
import io.nats.client.ConsumeOptions;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import io.nats.client.StreamContext;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The official NATS Java client (jnats) doing by hand what Courier's NATS broker does: a stream per topic (file
 * storage, limits retention, 1 replica, 7 days, a 2-minute duplicate window) with a subject per partition (the key's
 * FNV-1a hash), each publish acknowledged by JetStream ({@code publishAsync} with the expected stream and a message
 * id); per group and partition a durable pull consumer with explicit ack and one event in hand ({@code MaxAckPending}
 * 1, what keeps a key's events in order), all pulled in batches of 8 by one dispatcher thread, which hands them to a
 * worker thread of the subscription that handles and acknowledges them one at a time; one timer task renews the {@code
 * AckWait} of the events waiting for the worker and of the one in hand every third of it. That hand-over is what a
 * consumer written by hand does to keep the promise Courier's broker keeps: a slow handler makes JetStream neither
 * redeliver the events pulled for the other partitions nor count them against {@code MaxDeliver}, which handling on
 * the dispatcher thread cannot promise (they would wait in the client's queue, out of reach). Headers of Courier's
 * names and lengths ({@link CourierHeaders}), values in a {@link ValueFormat}. No envelope read, no span, no meter.
 */
final class PlainNatsSide implements EventSide {

    private static final ConsumeOptions PULL =
            ConsumeOptions.builder().batchSize(8).build();

    private final String name;
    private final ValueFormat format;
    private final int partitions;
    private final Map<String, String> headers;
    private final Connection connection;
    private final JetStream jetStream;
    private final JetStreamManagement management;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "plain-nats-timer");
        thread.setDaemon(true);
        return thread;
    });

    PlainNatsSide(String name, String url, ValueFormat format, int partitions) {
        this.name = name;
        this.format = format;
        this.partitions = partitions;
        this.headers = CourierHeaders.fillerText(CloudEvents.Binding.NATS);
        try {
            this.connection = Nats.connect(url);
            this.jetStream = connection.jetStream();
            this.management = connection.jetStreamManagement();
        } catch (IOException e) {
            throw new IllegalStateException("cannot connect to " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted connecting to " + url, e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    private String stream(String topic) {
        return name + "_" + topic;
    }

    private String subject(String topic, int partition) {
        return name + "." + topic + "." + partition;
    }

    @Override
    public void prepare(String topic, String group) {
        try {
            management.addStream(StreamConfiguration.builder()
                    .name(stream(topic))
                    .subjects(name + "." + topic + ".*")
                    .storageType(StorageType.File)
                    .retentionPolicy(RetentionPolicy.Limits)
                    .replicas(1)
                    .maxAge(Duration.ofMillis(NatsEventKeys.MAX_AGE_MILLIS.defaultValue()))
                    .duplicateWindow(Duration.ofMinutes(2))
                    .build());
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("cannot create the stream of '" + topic + "'", e);
        }
    }

    @Override
    public void publish(String topic, BenchEvent event, Ack ack) {
        Headers message = new Headers();
        headers.forEach(message::put);
        message.put("Nats-Msg-Id", UUID.randomUUID().toString());
        int partition = partition(event.customer());
        PublishOptions options =
                PublishOptions.builder().expectedStream(stream(topic)).build();
        jetStream
                .publishAsync(subject(topic, partition), message, format.write(event), options)
                .whenComplete((stored, failure) -> {
                    if (failure == null) {
                        ack.acked();
                    } else {
                        ack.failed(failure);
                    }
                });
    }

    /** FNV-1a of the key's UTF-8 bytes, as Courier's broker picks the partition. */
    private int partition(String key) {
        int hash = 0x811c9dc5;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return Integer.remainderUnsigned(hash, partitions);
    }

    @Override
    public AutoCloseable subscribe(String topic, String group, Sink sink) {
        Dispatcher dispatcher = connection.createDispatcher();
        List<MessageConsumer> consumers = new ArrayList<>();
        Worker worker = new Worker(sink);
        try {
            StreamContext stream = connection.getStreamContext(stream(topic));
            for (int partition = 0; partition < partitions; partition++) {
                String durable = group + "_" + partition;
                management.addOrUpdateConsumer(
                        stream(topic),
                        ConsumerConfiguration.builder()
                                .durable(durable)
                                .filterSubject(subject(topic, partition))
                                .deliverPolicy(DeliverPolicy.All)
                                .ackPolicy(AckPolicy.Explicit)
                                .ackWait(Duration.ofMillis(NatsEventKeys.ACK_WAIT_MILLIS.defaultValue()))
                                .maxDeliver(NatsEventKeys.MAX_DELIVER.defaultValue())
                                .maxAckPending(1)
                                .build());
                consumers.add(stream.getConsumerContext(durable).consume(PULL, dispatcher, worker.waiting::add));
            }
        } catch (IOException | JetStreamApiException e) {
            consumers.forEach(MessageConsumer::stop);
            connection.closeDispatcher(dispatcher);
            worker.stop();
            throw new IllegalStateException("cannot consume '" + topic + "' in group '" + group + "'", e);
        }
        return () -> {
            consumers.forEach(MessageConsumer::stop);
            connection.closeDispatcher(dispatcher);
            worker.stop();
        };
    }

    /** The thread that handles a subscription's events one at a time, and the renewal of those it holds. */
    private final class Worker {
        final LinkedBlockingQueue<Message> waiting = new LinkedBlockingQueue<>();
        private final Sink sink;
        private final Thread thread;
        private final ScheduledFuture<?> renewing;
        private volatile Message inHand;
        private volatile boolean stopped;

        Worker(Sink sink) {
            this.sink = sink;
            this.thread = new Thread(this::run, name + "-worker");
            thread.setDaemon(true);
            thread.start();
            long renewal = NatsEventKeys.ACK_WAIT_MILLIS.defaultValue() / 3;
            this.renewing = timer.scheduleAtFixedRate(this::renew, renewal, renewal, TimeUnit.MILLISECONDS);
        }

        private void run() {
            while (!stopped) {
                Message message;
                try {
                    message = waiting.poll(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (message != null) {
                    inHand = message;
                    long[] read = format.read(message.getData());
                    sink.handled(read[0], read[1]);
                    message.ack();
                    inHand = null;
                }
            }
        }

        private void renew() {
            waiting.forEach(Message::inProgress);
            Message handling = inHand;
            if (handling != null) {
                handling.inProgress();
            }
        }

        void stop() {
            stopped = true;
            renewing.cancel(false);
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

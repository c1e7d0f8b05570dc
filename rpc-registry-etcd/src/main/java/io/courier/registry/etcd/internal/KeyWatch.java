package io.courier.registry.etcd.internal;

import io.courier.registry.etcd.internal.client.Backoff;
import io.courier.registry.etcd.internal.client.QuietTasks;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the value of one key: it is read once (a range request whose header revision the value is
 * true at), then watched from the next revision; after a failure the watch resumes from the last
 * applied revision + 1 with backoff, so no change is missed and none delivered twice, and a compacted
 * revision makes it read the key again. The sink hears the value once read, then each change (null
 * while the key is absent); a value equal to the last delivered is not delivered again.
 *
 * <p>Thread-safe: state changes and the sink's calls run on {@code executor}, a single thread.
 */
public final class KeyWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeyWatch.class);

    private final Client client;
    private final ByteSequence key;
    private final Object subject;
    private final QuietTasks tasks;
    private final Consumer<byte[]> sink;
    // confined to executor
    private final Backoff backoff = new Backoff();
    private long appliedRevision;
    private boolean delivered;
    private byte[] value;
    private Watch.Watcher watcher;
    private int generation;
    private boolean closed;

    /**
     * @param subject what the key holds, for log lines
     * @param sink called on {@code executor} with the key's value, or null while it is absent
     */
    public KeyWatch(
            Client client, String key, Object subject, ScheduledExecutorService executor, Consumer<byte[]> sink) {
        this.client = client;
        this.key = ByteSequence.from(key, StandardCharsets.UTF_8);
        this.subject = subject;
        this.tasks = new QuietTasks(executor);
        this.sink = sink;
    }

    public void start() {
        tasks.run(this::read);
    }

    private void read() {
        if (closed) {
            return;
        }
        int reading = ++generation;
        cancelWatcher();
        client.getKVClient()
                .get(key)
                .whenComplete((response, error) -> tasks.run(() -> {
                    if (closed || reading != generation) {
                        return;
                    }
                    if (error != null) {
                        long delay = backoff.nextMillis();
                        log.debug("Reading {} failed; retrying in {} ms", subject, delay, error);
                        tasks.schedule(this::read, delay);
                        return;
                    }
                    onRead(response);
                }));
    }

    private void onRead(GetResponse response) {
        appliedRevision = response.getHeader().getRevision();
        deliver(
                response.getKvs().isEmpty()
                        ? null
                        : response.getKvs().get(0).getValue().getBytes());
        watchFrom(appliedRevision + 1);
    }

    private void watchFrom(long revision) {
        int watching = ++generation;
        WatchOption option = WatchOption.builder()
                .withRevision(revision)
                .withRequireLeader(true)
                .build();
        watcher = client.getWatchClient().watch(key, option, new Watch.Listener() {
            @Override
            public void onNext(WatchResponse response) {
                tasks.run(() -> onEvents(watching, response));
            }

            @Override
            public void onError(Throwable error) {
                tasks.run(() -> onWatchFailed(watching, error));
            }

            @Override
            public void onCompleted() {
                tasks.run(() -> onWatchFailed(watching, null));
            }
        });
    }

    private void onEvents(int watching, WatchResponse response) {
        if (closed || watching != generation) {
            return;
        }
        backoff.reset();
        boolean changed = false;
        byte[] latest = value;
        // the events of one transaction share one revision and arrive in one response: skip only
        // what an earlier response applied
        long appliedBefore = appliedRevision;
        for (WatchEvent event : response.getEvents()) {
            KeyValue kv = event.getKeyValue();
            if (kv.getModRevision() <= appliedBefore) {
                continue;
            }
            appliedRevision = Math.max(appliedRevision, kv.getModRevision());
            latest = event.getEventType() == WatchEvent.EventType.PUT
                    ? kv.getValue().getBytes()
                    : null;
            changed = true;
        }
        if (changed) {
            deliver(latest);
        }
    }

    private void onWatchFailed(int watching, Throwable error) {
        if (closed || watching != generation) {
            return;
        }
        cancelWatcher();
        if (error instanceof CompactedException || String.valueOf(error).contains("compacted")) {
            log.warn("etcd compacted revision {} of {} away; reading it again", appliedRevision + 1, subject);
            read();
            return;
        }
        long delay = backoff.nextMillis();
        log.debug("The watch of {} failed at revision {}; watching again in {} ms", subject, appliedRevision, delay);
        int waiting = ++generation;
        tasks.schedule(
                () -> {
                    if (!closed && waiting == generation) {
                        watchFrom(appliedRevision + 1);
                    }
                },
                delay);
    }

    private void deliver(byte[] next) {
        if (delivered && Arrays.equals(value, next)) {
            return;
        }
        delivered = true;
        value = next;
        try {
            sink.accept(next == null ? null : next.clone());
        } catch (RuntimeException e) {
            log.error("A watcher of {} failed; later changes are still delivered", subject, e);
        }
    }

    private void cancelWatcher() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }

    /** Stops the watch; no delivery starts after the executor has run this. */
    @Override
    public void close() {
        tasks.run(() -> {
            closed = true;
            cancelWatcher();
        });
    }
}

package io.courier.registry.etcd.internal;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.core.discovery.ProviderFeed;
import io.courier.registry.etcd.internal.client.Backoff;
import io.courier.registry.etcd.internal.client.KeyLayout;
import io.courier.registry.etcd.internal.client.QuietTasks;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the provider keys of one service and publishes the full provider list, sorted by host and
 * port, to its sinks.
 *
 * <ol>
 *   <li>The first list is one range request over the service's prefix; its header revision is the
 *       revision the list is true at.
 *   <li>A watch over the prefix then starts at the next revision. All events of one watch response
 *       (one etcd transaction, or a burst etcd sends together) are applied before one list is
 *       published.
 *   <li>Each applied event raises the applied revision to its own. When the watch fails (etcd
 *       restarted, the member lost its leader, the connection broke), this class cancels it and
 *       watches again from the applied revision + 1, with backoff; an event at or below the applied
 *       revision is skipped. So no event is missed and none is applied twice, whatever jetcd's own
 *       resumption does. Only if etcd has compacted that revision away is the list read again whole.
 * </ol>
 *
 * Thread-safe: state changes run on {@code executor}, a single thread shared with the registry's
 * other watches; sinks are called there and must not block.
 */
public final class ProviderWatch implements ProviderFeed {

    private static final Logger log = LoggerFactory.getLogger(ProviderWatch.class);

    static final Comparator<ServiceInstance> BY_ENDPOINT = Comparator.comparing(
            ServiceInstance::endpoint, Comparator.comparing(Endpoint::host).thenComparingInt(Endpoint::port));

    private final Client client;
    private final ServiceKey serviceKey;
    private final String prefix;
    private final QuietTasks tasks;
    private final List<Consumer<List<ServiceInstance>>> sinks = new CopyOnWriteArrayList<>();
    private final AtomicLong appliedEvents = new AtomicLong();
    private final AtomicLong skippedEvents = new AtomicLong();
    private final AtomicLong ranges = new AtomicLong();
    private final AtomicLong resumes = new AtomicLong();
    // confined to executor
    private final Map<String, ServiceInstance> providers = new HashMap<>();
    private final Backoff backoff = new Backoff();
    private long appliedRevision; // 0 until the first list
    private Watch.Watcher watcher;
    private int generation; // which watcher's callbacks count
    private boolean closed;
    private volatile List<ServiceInstance> snapshot; // null until the first list

    public ProviderWatch(Client client, KeyLayout layout, ServiceKey serviceKey, ScheduledExecutorService executor) {
        this.client = client;
        this.serviceKey = serviceKey;
        this.prefix = layout.providers(serviceKey);
        this.tasks = new QuietTasks(executor);
    }

    public void start() {
        tasks.run(this::list);
    }

    /** Adds a sink; it gets the current list at once if there is one, then every change. */
    @Override
    public void addSink(Consumer<List<ServiceInstance>> sink) {
        sinks.add(sink);
        tasks.run(() -> {
            if (snapshot != null && sinks.contains(sink)) {
                sink.accept(snapshot);
            }
        });
    }

    @Override
    public void removeSink(Consumer<List<ServiceInstance>> sink) {
        sinks.remove(sink);
    }

    /**
     * Events applied, events skipped as already applied, range reads made, watches resumed after a
     * failure; for tests and metrics.
     */
    public long[] counters() {
        return new long[] {appliedEvents.get(), skippedEvents.get(), ranges.get(), resumes.get()};
    }

    private void list() {
        if (closed) {
            return;
        }
        int listing = ++generation;
        cancelWatcher();
        ranges.incrementAndGet();
        client.getKVClient()
                .get(bytes(prefix), GetOption.builder().isPrefix(true).build())
                .whenComplete((response, error) -> tasks.run(() -> {
                    if (closed || listing != generation) {
                        return;
                    }
                    if (error != null) {
                        long delay = backoff.nextMillis();
                        log.debug("Listing the providers of {} failed; retrying in {} ms", serviceKey, delay, error);
                        tasks.schedule(this::list, delay);
                        return;
                    }
                    onList(response);
                }));
    }

    private void onList(GetResponse response) {
        providers.clear();
        for (KeyValue kv : response.getKvs()) {
            String key = kv.getKey().toString(StandardCharsets.UTF_8);
            ServiceInstance instance = decode(key, kv.getValue());
            if (instance != null) {
                providers.put(key, instance);
            }
        }
        appliedRevision = response.getHeader().getRevision();
        publish();
        watchFrom(appliedRevision + 1);
    }

    private void watchFrom(long revision) {
        int watching = ++generation;
        WatchOption option = WatchOption.builder()
                .isPrefix(true)
                .withRevision(revision)
                // a member cut off from its leader would watch in silence; this makes it fail instead
                .withRequireLeader(true)
                .build();
        watcher = client.getWatchClient().watch(bytes(prefix), option, new Watch.Listener() {
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
        // the events of one transaction (a burst written at once, a revoked lease's keys) share one
        // revision and arrive in one response: skip only what an earlier response applied
        long appliedBefore = appliedRevision;
        for (WatchEvent event : response.getEvents()) {
            KeyValue kv = event.getKeyValue();
            if (kv.getModRevision() <= appliedBefore) {
                skippedEvents.incrementAndGet();
                continue;
            }
            appliedRevision = Math.max(appliedRevision, kv.getModRevision());
            appliedEvents.incrementAndGet();
            String key = kv.getKey().toString(StandardCharsets.UTF_8);
            if (event.getEventType() == WatchEvent.EventType.PUT) {
                ServiceInstance instance = decode(key, kv.getValue());
                changed |= instance == null
                        ? providers.remove(key) != null
                        : !instance.equals(providers.put(key, instance));
            } else if (event.getEventType() == WatchEvent.EventType.DELETE) {
                changed |= providers.remove(key) != null;
            }
        }
        if (changed) {
            publish();
        }
    }

    private void onWatchFailed(int watching, Throwable error) {
        if (closed || watching != generation) {
            return;
        }
        cancelWatcher();
        if (error instanceof CompactedException || String.valueOf(error).contains("compacted")) {
            log.warn(
                    "etcd compacted revision {} of {} away; reading the whole list again",
                    appliedRevision + 1,
                    serviceKey);
            list();
            return;
        }
        long delay = backoff.nextMillis();
        log.debug(
                "The watch of {} failed at revision {}; watching again in {} ms",
                serviceKey,
                appliedRevision,
                delay,
                error);
        int waiting = ++generation;
        tasks.schedule(
                () -> {
                    if (!closed && waiting == generation) {
                        resumes.incrementAndGet();
                        watchFrom(appliedRevision + 1);
                    }
                },
                delay);
    }

    private void publish() {
        List<ServiceInstance> sorted =
                providers.values().stream().sorted(BY_ENDPOINT).toList();
        snapshot = sorted;
        for (Consumer<List<ServiceInstance>> sink : sinks) {
            try {
                sink.accept(sorted);
            } catch (RuntimeException e) {
                log.error("A provider sink of {} failed", serviceKey, e);
            }
        }
    }

    /** The instance of a provider key, or null (logged) if its value is not one or names another key. */
    private ServiceInstance decode(String key, ByteSequence value) {
        try {
            ServiceInstance instance = InstanceJson.decode(value.getBytes());
            if (!instance.serviceKey().equals(serviceKey)
                    || !key.equals(prefix + KeyLayout.encode(instance.endpoint().toString()))) {
                log.warn("Ignoring {}: its value names {} at {}", key, instance.serviceKey(), instance.endpoint());
                return null;
            }
            return instance;
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring {}: {}", key, e.getMessage());
            return null;
        }
    }

    private void cancelWatcher() {
        if (watcher != null) {
            // stops jetcd's own resumption of this watcher too
            watcher.close();
            watcher = null;
        }
    }

    /** Cancels the watch and forgets the list and the sinks, so that a closed watch holds no list. */
    @Override
    public void close() {
        sinks.clear();
        tasks.run(() -> {
            closed = true;
            cancelWatcher();
            // jetcd may keep a closed watcher's listener, and with it this watch, for a while
            providers.clear();
            snapshot = null;
        });
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}

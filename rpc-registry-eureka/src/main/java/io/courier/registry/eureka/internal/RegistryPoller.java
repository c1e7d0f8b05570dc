package io.courier.registry.eureka.internal;

import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.core.discovery.ListFeed;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the subscribed services of one registry client by fetching Eureka's whole registry ({@code GET
 * /apps}, as Eureka's own clients do) every {@code intervalMillis}, and at once when a service is
 * followed for the first time, so that a first list is never older than the subscription. Each fetch
 * updates every followed service's {@link ListFeed}. With nothing followed it fetches nothing: such a
 * fetch would only load the server, and the server may give two fetches under way one answer (it shares
 * a load in progress), so it must not run beside a consumer's first fetch.
 *
 * <p>A consumer sees a change within the interval plus the server's own delay: none when the server
 * answers from its read-write cache ({@code eureka.server.use-read-only-response-cache=false}), up to
 * its {@code response-cache-update-interval-ms} (30 s by default) otherwise.
 *
 * <p>Thread-safe: fetches run on {@code executor}, one at a time.
 */
public final class RegistryPoller {

    private static final Logger log = LoggerFactory.getLogger(RegistryPoller.class);

    private final EurekaHttp http;
    private final RegistryReader reader;
    private final ScheduledExecutorService executor;
    private final long intervalMillis;
    private final Map<ServiceKey, ListFeed> feeds = new ConcurrentHashMap<>();
    private final AtomicBoolean fetchQueued = new AtomicBoolean();
    private final AtomicBoolean feedAdded = new AtomicBoolean();
    // confined to the executor
    private byte[] lastRead; // the registry as last read
    private boolean failing;

    public RegistryPoller(EurekaHttp http, String root, ScheduledExecutorService executor, long intervalMillis) {
        this.http = http;
        this.reader = new RegistryReader(root);
        this.executor = executor;
        this.intervalMillis = intervalMillis;
    }

    /** Starts polling. */
    public void start() {
        executor.scheduleWithFixedDelay(this::scheduledFetch, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** A feed of {@code serviceKey}'s providers; its first list comes from a fetch started now. */
    public ListFeed follow(ServiceKey serviceKey) {
        ListFeed feed = new ListFeed(serviceKey, closed -> feeds.remove(closed.serviceKey(), closed));
        feeds.put(serviceKey, feed);
        feedAdded.set(true);
        if (fetchQueued.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    fetchQueued.set(false);
                    fetch();
                });
            } catch (RejectedExecutionException e) {
                // the registry is closing
            }
        }
        return feed;
    }

    private void scheduledFetch() {
        if (!feeds.isEmpty()) {
            fetch();
        }
    }

    private void fetch() {
        byte[] registry;
        try {
            registry = http.applications();
            failing = false;
        } catch (IOException e) {
            if (!failing && !Thread.currentThread().isInterrupted()) { // interrupted: the registry is closing
                log.warn(
                        "Fetching the registry from Eureka {} failed; consumers keep their lists: {}",
                        http.base(),
                        e.toString());
            }
            failing = true;
            return;
        }
        // the server answers an unchanged registry with the same bytes: nothing to read unless a feed is new
        boolean newFeed = feedAdded.getAndSet(false);
        if (feeds.isEmpty() || (!newFeed && Arrays.equals(registry, lastRead))) {
            return;
        }
        Map<ServiceKey, List<ServiceInstance>> providers;
        try {
            providers = reader.read(registry);
            lastRead = registry;
        } catch (IOException e) {
            log.warn(
                    "Eureka {} answered a registry this client cannot read; consumers keep their lists: {}",
                    http.base(),
                    e.toString());
            return;
        }
        for (ListFeed feed : feeds.values()) {
            feed.publish(providers.getOrDefault(feed.serviceKey(), List.of()));
        }
    }
}

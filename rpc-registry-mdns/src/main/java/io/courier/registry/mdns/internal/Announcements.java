package io.courier.registry.mdns.internal;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.jmdns.ServiceInfo;
import javax.jmdns.impl.JmDNSImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This client's DNS-SD service instances, one per Courier instance ({@link MdnsLayout}), at most {@value
 * #MAX_INSTANCES}, announced at once and every third of the TTL ({@link RecordTtl}), and kept by JmDNS,
 * which answers queries for them; a withdrawal takes it out of JmDNS and sends a goodbye (TTL 0, {@link
 * RecordMessages}). A registration is acknowledged once its first announcement is sent.
 *
 * <p>Thread-safe: JmDNS calls run on {@code announcer}, one at a time, in the order they were asked for.
 */
public final class Announcements {

    /** What one client announces at most: mDNS is for a few services per process, not a rack's worth. */
    public static final int MAX_INSTANCES = 64;

    private static final Logger log = LoggerFactory.getLogger(Announcements.class);

    private final JmDNSImpl jmdns;
    private final MdnsLayout layout;
    private final int ttlSeconds;
    private final ExecutorService announcer;
    private final Map<Id, Entry> entries = new ConcurrentHashMap<>();

    /** A registration's identity: one service at one endpoint. */
    private record Id(ServiceKey serviceKey, Endpoint endpoint) {
        static Id of(ServiceInstance instance) {
            return new Id(instance.serviceKey(), instance.endpoint());
        }
    }

    /** The instance announced under an id, its DNS-SD record and whether it was announced. */
    private record Entry(ServiceInstance instance, ServiceInfo info, CompletableFuture<Void> announced) {}

    public Announcements(JmDNSImpl jmdns, MdnsLayout layout, int ttlSeconds, ExecutorService announcer) {
        this.jmdns = jmdns;
        this.layout = layout;
        this.ttlSeconds = ttlSeconds;
        this.announcer = announcer;
    }

    /**
     * Re-announces every instance every third of the TTL, on {@code timer}'s schedule and the announcer's
     * thread. JmDNS renews too, but only once its probes and announcements are done, which with many
     * registrations at once it spaces a second apart (its throttle): later than a short TTL.
     */
    public void start(ScheduledExecutorService timer) {
        long periodMillis = ttlSeconds * 1_000L / 3;
        timer.scheduleWithFixedDelay(() -> run(this::renewAll), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Announces {@code instance}, replacing what this client announced for its service at its endpoint.
     *
     * @throws IllegalArgumentException if its document does not fit a TXT record, or this client already
     *     announces {@value #MAX_INSTANCES} instances
     */
    public void put(ServiceInstance instance) {
        Id id = Id.of(instance);
        ServiceInfo info = ServiceInfo.create(
                MdnsLayout.TYPE, layout.name(instance), instance.endpoint().port(), 0, 0, layout.text(instance));
        Entry entry = new Entry(instance, info, new CompletableFuture<>());
        Entry previous;
        synchronized (entries) {
            if (!entries.containsKey(id) && entries.size() >= MAX_INSTANCES) {
                throw new IllegalArgumentException("instance: " + id.serviceKey() + " at " + id.endpoint()
                        + " would be this mdns registry client's " + (MAX_INSTANCES + 1) + "th (expected: at most "
                        + MAX_INSTANCES + " per client; multicast DNS is for a few services per process, see"
                        + " docs/registry.md)");
            }
            previous = entries.put(id, entry);
        }
        run(() -> {
            if (previous != null) {
                goodbye(List.of(previous));
            }
            register(entry);
        });
    }

    /** Completes once {@code instance}, as it is now, was announced; pending meanwhile. */
    public CompletableFuture<Void> confirmation(ServiceInstance instance) {
        Entry entry = entries.get(Id.of(instance));
        return entry == null || !instance.equals(entry.instance())
                ? new CompletableFuture<>()
                : entry.announced().copy();
    }

    /** Withdraws {@code instance} with a goodbye; a no-op if this client does not announce it. */
    public void remove(ServiceInstance instance) {
        Entry entry;
        synchronized (entries) {
            entry = entries.remove(Id.of(instance));
        }
        if (entry != null) {
            run(() -> goodbye(List.of(entry)));
        }
    }

    /**
     * Lets a call under way finish, then sends one goodbye for every instance this client announces; at
     * most {@code timeoutMillis} in all.
     */
    public void withdrawAll(long timeoutMillis) {
        List<Entry> all;
        synchronized (entries) {
            all = List.copyOf(entries.values());
            entries.clear();
        }
        run(() -> goodbye(all));
        announcer.shutdown();
        try {
            if (!announcer.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
                log.warn("mDNS goodbyes not sent within {} ms; the records expire with their TTL", timeoutMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        announcer.shutdownNow();
        jmdns.getServices().clear(); // said goodbye to already
    }

    /** Forgets every instance without a goodbye, as a crash would: they expire with their TTL. */
    public void abandon() {
        entries.clear();
        announcer.shutdownNow();
        jmdns.getServices().clear(); // what JmDNS's close() would say goodbye to
    }

    /**
     * Takes the entries' records out of JmDNS (no more answers or renewals) and sends their goodbye in
     * as few messages as they fit in.
     */
    private void goodbye(List<Entry> withdrawn) {
        List<RecordMessages.Announced> records = new ArrayList<>();
        for (Entry entry : withdrawn) {
            ServiceInfo info = entry.info();
            if (jmdns.getServices().remove(info.getKey(), info)) {
                records.add(new RecordMessages.Announced(info.getQualifiedName(), info.getServer(), entry.instance()));
            }
        }
        try {
            RecordMessages.send(jmdns, layout, records, 0);
        } catch (IOException e) {
            log.warn(
                    "mDNS goodbyes for {} instances failed; they expire with their TTL: {}",
                    records.size(),
                    e.toString());
        }
    }

    /**
     * Hands the instance to JmDNS (which probes its name, announces it as RFC 6762 asks and answers queries
     * for it) and announces it at once: its name is unique by construction
     * (the endpoint belongs to one process), so probing cannot find a rival, and a consumer need not wait
     * the two seconds JmDNS's probes and first announcement take. Acknowledged once that announcement is sent.
     */
    private void register(Entry entry) {
        synchronized (entries) {
            if (entries.get(Id.of(entry.instance())) != entry) {
                return; // replaced or withdrawn while queued
            }
        }
        ServiceInfo info = entry.info();
        try {
            jmdns.registerService(info);
            RecordMessages.send(
                    jmdns,
                    layout,
                    List.of(new RecordMessages.Announced(info.getQualifiedName(), info.getServer(), entry.instance())),
                    ttlSeconds);
            entry.announced().complete(null);
        } catch (IOException | IllegalStateException e) {
            log.warn("Announcing {} failed: {}", entry.instance().serviceKey(), e.toString());
        }
    }

    private void renewAll() {
        List<RecordMessages.Announced> announced = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.announced().isDone()) {
                ServiceInfo info = entry.info();
                announced.add(
                        new RecordMessages.Announced(info.getQualifiedName(), info.getServer(), entry.instance()));
            }
        }
        try {
            RecordMessages.send(jmdns, layout, announced, ttlSeconds);
        } catch (IOException e) {
            log.warn("Renewing {} mDNS records failed; retrying: {}", announced.size(), e.toString());
        }
    }

    private void run(Runnable call) {
        try {
            announcer.execute(call);
        } catch (RejectedExecutionException e) {
            // the registry is closing; closing withdraws what is announced
        }
    }
}

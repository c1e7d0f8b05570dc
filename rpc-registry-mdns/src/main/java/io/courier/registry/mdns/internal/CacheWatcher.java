package io.courier.registry.mdns.internal;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.core.discovery.ListFeed;
import io.courier.core.document.DocumentException;
import io.courier.core.document.Interner;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceListener;
import javax.jmdns.impl.DNSEntry;
import javax.jmdns.impl.DNSRecord;
import javax.jmdns.impl.JmDNSImpl;
import javax.jmdns.impl.constants.DNSConstants;
import javax.jmdns.impl.constants.DNSRecordType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the subscribed services in JmDNS's record cache: every {@code tickMillis} it reads the live TXT
 * records of {@value MdnsLayout#TYPE} under this root and hands each followed service's providers, sorted
 * by endpoint, to its {@link ListFeed}. A record counts until its TTL, counted from when it was last
 * heard, runs out, so a provider killed without a goodbye is gone one TTL after its last announcement. A
 * record whose TTL is one second or less is leaving: a goodbye (TTL 0, which JmDNS keeps for one more
 * second, RFC 6762 10.1), or a record an announcement's cache-flush marked an instant before renewing it
 * (10.2). Only a record seen leaving by two scans in a row ({@code tickMillis} apart, well within the
 * second) counts as gone, so a renewal caught half-way never shrinks a list. A scan that finds records
 * newly leaving publishes nothing, up to {@value #MAX_DEFERRED} scans in a row, so that a mass withdrawal
 * arriving over several messages is one change, not several; when it must publish, a record newly
 * leaving still counts.
 *
 * <p>The cache is JmDNS's ({@code JmDNSImpl.getCache()}): its listeners tell neither a record's renewal nor
 * its goodbye, and clear expired records only every 10 s. Browsing the type once makes the providers
 * already announcing answer, so that the cache is complete from the start. Not thread-safe; scans are
 * confined to {@code timer}.
 */
public final class CacheWatcher {

    private static final Logger log = LoggerFactory.getLogger(CacheWatcher.class);
    private static final Comparator<Endpoint> BY_ENDPOINT =
            Comparator.comparing(Endpoint::host).thenComparingInt(Endpoint::port);
    private static final long FIRST_LIST_MILLIS = 500;
    private static final int MAX_DEFERRED = 4;
    private static final String TYPE_SUFFIX = "." + MdnsLayout.TYPE.toLowerCase(Locale.ROOT);

    private final JmDNSImpl jmdns;
    private final MdnsLayout layout;
    private final ScheduledExecutorService timer;
    private final long tickMillis;
    private final Map<ServiceKey, Followed> feeds = new ConcurrentHashMap<>();
    private final Interner interner = new Interner();
    private final ServiceListener browsing = new Browsing();
    // confined to the timer
    private Map<ByteBuffer, ServiceInstance> decoded = new HashMap<>();
    private Set<String> leavingBefore = Set.of();
    private int deferred;
    private volatile long startedNanos;

    public CacheWatcher(JmDNSImpl jmdns, MdnsLayout layout, ScheduledExecutorService timer, long tickMillis) {
        this.jmdns = jmdns;
        this.layout = layout;
        this.timer = timer;
        this.tickMillis = tickMillis;
    }

    /** Browses the type (JmDNS queries it a few times) and starts scanning. */
    public void start() {
        startedNanos = System.nanoTime();
        jmdns.addServiceListener(MdnsLayout.TYPE, browsing);
        timer.scheduleWithFixedDelay(this::scan, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * A feed of {@code serviceKey}'s providers. Its first list comes from a scan one tick from now (what
     * was announced before reaches the cache meanwhile), and no sooner than {@value #FIRST_LIST_MILLIS} ms
     * after the start: JmDNS's first query for the type goes out 225 ms after it, and responders answer
     * within 120 ms (RFC 6762 6).
     */
    public ListFeed follow(ServiceKey serviceKey) {
        long now = System.nanoTime();
        long delayMillis = Math.max(tickMillis, FIRST_LIST_MILLIS - TimeUnit.NANOSECONDS.toMillis(now - startedNanos));
        ListFeed feed = new ListFeed(
                serviceKey,
                closed -> feeds.computeIfPresent(
                        serviceKey, (key, followed) -> followed.feed() == closed ? null : followed));
        feeds.put(serviceKey, new Followed(feed, now + TimeUnit.MILLISECONDS.toNanos(delayMillis)));
        timer.schedule(this::scan, delayMillis, TimeUnit.MILLISECONDS);
        return feed;
    }

    public void stop() {
        jmdns.removeServiceListener(MdnsLayout.TYPE, browsing);
    }

    private void scan() {
        if (feeds.isEmpty()) {
            return;
        }
        try {
            Map<ServiceKey, List<ServiceInstance>> providers = read(System.currentTimeMillis());
            if (providers == null) {
                return; // records newly leaving: the next scan tells goodbyes from renewals
            }
            long now = System.nanoTime();
            for (Followed followed : feeds.values()) {
                if (now - followed.firstListNanos() >= 0) {
                    followed.feed()
                            .publish(providers.getOrDefault(followed.feed().serviceKey(), List.of()));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Reading the mDNS cache failed; consumers keep their lists", e);
        }
    }

    /** The providers of each service, or {@code null} if this scan defers to the next one. */
    private Map<ServiceKey, List<ServiceInstance>> read(long now) {
        Map<ServiceKey, Map<Endpoint, ServiceInstance>> byService = new HashMap<>();
        Map<ByteBuffer, ServiceInstance> seen = new HashMap<>();
        Set<String> leaving = new HashSet<>();
        List<DNSRecord> newlyLeaving = new ArrayList<>();
        for (DNSEntry entry : jmdns.getCache().allValues()) {
            if (entry.getRecordType() != DNSRecordType.TYPE_TXT
                    || !entry.getKey().endsWith(TYPE_SUFFIX)
                    || !(entry instanceof DNSRecord record)
                    || record.isExpired(now)) {
                continue;
            }
            if (record.getTTL() > DNSConstants.RECORD_EXPIRY_DELAY) {
                add(record, seen, byService, false);
            } else if (leaving.add(record.getKey()) && !leavingBefore.contains(record.getKey())) {
                newlyLeaving.add(record); // gone once leaving for two scans in a row
            }
        }
        // after the live records: a renewed value outranks the one it replaces
        newlyLeaving.forEach(record -> add(record, seen, byService, true));
        decoded = seen;
        leavingBefore = leaving;
        if (!newlyLeaving.isEmpty() && deferred < MAX_DEFERRED) {
            deferred++;
            return null;
        }
        deferred = 0;
        Map<ServiceKey, List<ServiceInstance>> sorted = new HashMap<>();
        byService.forEach((key, providers) -> sorted.put(key, List.copyOf(providers.values())));
        return sorted;
    }

    private void add(
            DNSRecord record,
            Map<ByteBuffer, ServiceInstance> seen,
            Map<ServiceKey, Map<Endpoint, ServiceInstance>> byService,
            boolean unlessKnown) {
        ServiceInstance provider = decode(record, seen);
        if (provider != null) {
            Map<Endpoint, ServiceInstance> providers =
                    byService.computeIfAbsent(provider.serviceKey(), key -> new TreeMap<>(BY_ENDPOINT));
            if (unlessKnown) {
                providers.putIfAbsent(provider.endpoint(), provider);
            } else {
                providers.put(provider.endpoint(), provider);
            }
        }
    }

    /** The instance a TXT record holds, decoded once per distinct record. */
    private ServiceInstance decode(DNSRecord record, Map<ByteBuffer, ServiceInstance> seen) {
        var info = record.getServiceInfo();
        ByteBuffer text = ByteBuffer.wrap(info.getTextBytes());
        ServiceInstance provider = decoded.get(text);
        if (provider == null) {
            try {
                provider = layout.read(info, interner);
            } catch (DocumentException e) {
                log.warn(
                        "mDNS record {} holds an unreadable Courier instance; skipped: {}",
                        record.getName(),
                        e.getMessage());
                return null;
            }
            if (provider == null) {
                return null; // another root's
            }
        }
        seen.put(text, provider);
        return provider;
    }

    /** A followed service's feed, and when ({@link System#nanoTime()}) the cache is complete enough for its first list. */
    private record Followed(ListFeed feed, long firstListNanos) {}

    /** Browsing keeps JmDNS asking for the type; the scans read what the answers left in the cache. */
    private static final class Browsing implements ServiceListener {
        @Override
        public void serviceAdded(ServiceEvent event) {}

        @Override
        public void serviceRemoved(ServiceEvent event) {}

        @Override
        public void serviceResolved(ServiceEvent event) {}
    }
}

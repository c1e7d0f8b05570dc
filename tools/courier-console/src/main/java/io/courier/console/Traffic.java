package io.courier.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.store.RegisteredConsumer;
import io.courier.api.store.RegistryCatalog;
import io.courier.bootstrap.admin.AdminServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's live numbers: every {@link #POLL_MILLIS} it reads the registry (services, their
 * providers and consumers), finds the admin endpoint each provider instance names in its metadata
 * ({@link AdminServer#METADATA_KEY}) and the ones the operator configured (applications that only
 * consume), and reads {@code /metrics}, {@code /services}, {@code /references} and {@code /events} of each, at most
 * {@link #MAX_INSTANCES}, {@link #FETCH_THREADS} at a time. The growth of the call counters between
 * two rounds becomes a point of calls/s, error rate, p50 and p99 per instance, side and service;
 * the last {@link #HISTORY} points are kept. An instance gone from the registry for {@link
 * #FORGET_AFTER_ROUNDS} rounds is forgotten. Thread-safe: one thread polls, readers take the lock.
 */
final class Traffic implements AutoCloseable {

    static final long POLL_MILLIS = 2_000;
    static final int HISTORY = 90;
    static final int MAX_INSTANCES = 256;
    static final int FETCH_THREADS = 4;
    static final int FORGET_AFTER_ROUNDS = 3;

    private static final Logger log = LoggerFactory.getLogger(Traffic.class);

    /** The registry's picture of one round: who provides and who consumes each service. */
    record Picture(Map<String, Set<String>> providerApplications, Map<String, Set<String>> consumerApplications) {
        static final Picture EMPTY = new Picture(Map.of(), Map.of());
    }

    private final RegistryCatalog catalog;
    private final List<String> configured;
    private final String ownApplication;
    private final ScheduledExecutorService poller;
    private final ExecutorService fetchers;
    private final Map<String, PolledInstance> instances = new TreeMap<>();
    private Picture picture = Picture.EMPTY;

    Traffic(RegistryCatalog catalog, List<String> configured, String ownApplication) {
        this.catalog = catalog;
        this.configured = List.copyOf(configured);
        this.ownApplication = ownApplication;
        this.poller = Executors.newSingleThreadScheduledExecutor(daemon("courier-console-traffic", null));
        this.fetchers =
                Executors.newFixedThreadPool(FETCH_THREADS, daemon("courier-console-fetch-", new AtomicInteger()));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name, AtomicInteger counter) {
        return task -> {
            Thread thread = new Thread(task, counter == null ? name : name + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    Traffic start() {
        poller.scheduleWithFixedDelay(this::pollQuietly, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            if (poller.isShutdown()) {
                // close() interrupted the round (the registry read ends with an InterruptedException
                // wrapped by the store): the console is stopping, nothing failed
                return;
            }
            log.warn("Polling the applications' admin endpoints failed; trying again in {} ms", POLL_MILLIS, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One round: the registry, then every admin endpoint. */
    void poll() throws InterruptedException {
        long roundAt = System.currentTimeMillis();
        Map<String, PolledInstance> found = new LinkedHashMap<>();
        Map<String, Set<String>> providers = new TreeMap<>();
        Map<String, Set<String>> consumers = new TreeMap<>();
        for (ServiceKey key : catalog.services()) {
            String service = key.toString();
            for (ServiceInstance instance : catalog.providers(key)) {
                providers.computeIfAbsent(service, s -> new TreeSet<>()).add(instance.application());
                Optional<String> admin = AdminFetch.address(instance.metadata().get(AdminServer.METADATA_KEY));
                if (admin.isPresent() && (found.containsKey(admin.get()) || found.size() < MAX_INSTANCES)) {
                    found.computeIfAbsent(admin.get(), a -> new PolledInstance(a, instance.application()))
                            .endpoints
                            .add(instance.endpoint().toString());
                }
            }
            for (RegisteredConsumer consumer : catalog.consumers(key)) {
                if (!consumer.application().equals(ownApplication)) {
                    consumers.computeIfAbsent(service, s -> new TreeSet<>()).add(consumer.application());
                }
            }
        }
        for (String admin : configured) {
            if (found.size() < MAX_INSTANCES) {
                found.putIfAbsent(admin, new PolledInstance(admin, ""));
            }
        }
        Map<String, Future<PolledInstance.Fetched>> answers = new LinkedHashMap<>();
        for (String admin : found.keySet()) {
            answers.put(admin, fetchers.submit(fetch(admin)));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3L * AdminFetch.READ_TIMEOUT_MILLIS);
        Map<String, Object> results = new HashMap<>();
        for (Map.Entry<String, Future<PolledInstance.Fetched>> answer : answers.entrySet()) {
            results.put(answer.getKey(), outcome(answer.getValue(), deadline));
        }
        long now = System.currentTimeMillis();
        synchronized (this) {
            picture = new Picture(providers, consumers);
            for (PolledInstance fresh : found.values()) {
                PolledInstance known = instances.computeIfAbsent(fresh.admin, a -> fresh);
                known.endpoints.clear();
                known.endpoints.addAll(fresh.endpoints);
                known.missedRounds = 0;
                if (results.get(fresh.admin) instanceof PolledInstance.Fetched fetched) {
                    known.update(roundAt, now, fetched);
                } else {
                    known.failed(String.valueOf(results.get(fresh.admin)));
                }
            }
            instances
                    .values()
                    .removeIf(known -> !found.containsKey(known.admin) && ++known.missedRounds >= FORGET_AFTER_ROUNDS);
        }
    }

    private static Callable<PolledInstance.Fetched> fetch(String admin) {
        return () -> new PolledInstance.Fetched(
                AdminFetch.text(admin, "/metrics").orElse(null),
                AdminFetch.json(admin, "/services"),
                AdminFetch.json(admin, "/references"),
                events(admin));
    }

    /** {@code /events}, or null from an application without it (older) or that failed to answer it. */
    private static JsonNode events(String admin) {
        try {
            return AdminFetch.text(admin, "/events")
                    .map(text -> {
                        try {
                            return Exchanges.JSON.readTree(text);
                        } catch (IOException e) {
                            return null;
                        }
                    })
                    .orElse(null);
        } catch (IOException e) {
            log.debug("{}/events: {}", admin, e.toString());
            return null;
        }
    }

    /** The fetched answers, or why there are none. */
    private static Object outcome(Future<PolledInstance.Fetched> answer, long deadlineNanos)
            throws InterruptedException {
        try {
            return answer.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            return cause instanceof IOException
                    ? cause.getMessage()
                    : cause.getClass().getSimpleName();
        } catch (java.util.concurrent.TimeoutException e) {
            answer.cancel(true);
            return "no answer within " + 3L * AdminFetch.READ_TIMEOUT_MILLIS + " ms";
        }
    }

    /**
     * {@code reading} applied to the registry's picture and the instances of one round, under the
     * lock: the instances may be read, not kept.
     */
    synchronized <T> T read(java.util.function.BiFunction<Picture, List<PolledInstance>, T> reading) {
        return reading.apply(picture, new ArrayList<>(instances.values()));
    }

    @Override
    public void close() {
        poller.shutdownNow();
        fetchers.shutdownNow();
    }
}

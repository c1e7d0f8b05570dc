package io.courier.bootstrap.internal.appconfig;

import io.courier.api.config.KeyDeclarations;
import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.DocumentKey;
import io.courier.api.store.DocumentVersion;
import io.courier.api.store.RegistryStore;
import io.courier.api.store.StoreException;
import io.courier.bootstrap.config.RegistryKeys;
import io.courier.core.concurrent.DaemonThreads;
import io.courier.core.document.DocumentException;
import io.courier.core.document.SettingsCacheFile;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the application's configuration document to its {@link ApplicationSettings}: through the
 * registry store's watch, or by reading it every interval when watching is off; from the cache file
 * of the last good document while the registry is unreachable, trying it again every interval.
 * Every good document is kept in the cache file. Once connected, it publishes the application's key
 * declarations for the centre's writers. Thread-safe; {@link #close()} stops everything.
 */
public final class CentreFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CentreFeed.class);

    private final RegistryOptions registry;
    private final DocumentKey document;
    private final boolean watch;
    private final long intervalMillis;
    private final SettingsCacheFile cache;
    private final ApplicationSettings settings;
    private final KeyDeclarations declarations;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(new DaemonThreads("courier-settings"));
    private final java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
    private RegistryStore store; // guarded by this
    private AutoCloseable watchHandle; // guarded by this
    private boolean closed; // guarded by this

    /**
     * @param cache where the last good document is kept, or null for nowhere
     * @param declarations what the application publishes of its keys (nothing when empty)
     */
    public CentreFeed(
            RegistryOptions registry,
            DocumentKey document,
            boolean watch,
            long intervalMillis,
            SettingsCacheFile cache,
            ApplicationSettings settings,
            KeyDeclarations declarations) {
        this.registry = registry;
        this.document = document;
        this.watch = watch;
        this.intervalMillis = intervalMillis;
        this.cache = cache;
        this.settings = settings;
        this.declarations = declarations;
    }

    /** Reads the document once (from the store, else the cache file), then follows it in the background. */
    public void start() {
        if (connect()) {
            awaitFirst();
        } else {
            startFromCache();
            scheduler.scheduleWithFixedDelay(this::retry, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized boolean connect() {
        if (closed) {
            return true;
        }
        try {
            store = RegistryStore.open(registry);
            publishDeclarations();
            if (watch) {
                watchHandle = store.documents().watch(document, this::deliver);
            } else {
                poll();
                scheduler.scheduleWithFixedDelay(this::poll, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
            }
            return true;
        } catch (RuntimeException e) {
            closeStore();
            log.debug("The configuration centre at {} is not reachable: {}", registry.address(), e.toString());
            return false;
        }
    }

    /** Publishes the declarations; a store that keeps none, or fails to, leaves the writers without them. */
    private void publishDeclarations() {
        if (declarations.declarations().isEmpty()) {
            return;
        }
        try {
            store.documents().publishDeclarations(document, declarations.encode());
        } catch (UnsupportedOperationException e) {
            log.info("The application's key declarations are not published: {}", e.getMessage());
        } catch (StoreException e) {
            log.warn(
                    "Publishing the application's key declarations for {} failed ({}); the centre's writers cannot"
                            + " check its settings until the next start",
                    document,
                    e.getMessage());
        }
    }

    private void retry() {
        if (connect()) {
            log.info("The configuration centre at {} is reachable again; following {}", registry.address(), document);
            // this task is done: the watch, or the poll just scheduled, follows from here
            throw new RetryDone();
        }
    }

    private void startFromCache() {
        if (cache == null) {
            log.warn(
                    "The configuration centre at {} is unreachable and no cache file is set ({}); the application's"
                            + " settings start from its other sources",
                    registry.address(),
                    RegistryKeys.REGISTRY_CACHE_FILE.name());
            return;
        }
        try {
            Optional<String> text = cache.read();
            if (text.isPresent()) {
                settings.accept(text.get(), document + ", last good copy in " + cache.file());
                log.warn(
                        "The configuration centre at {} is unreachable: the application's settings start on the last"
                                + " good document of {} from the cache file {}; trying again every {} ms",
                        registry.address(),
                        document,
                        cache.file(),
                        intervalMillis);
            } else {
                log.warn(
                        "The configuration centre at {} is unreachable and the cache file {} holds no document; the"
                                + " application's settings start from its other sources",
                        registry.address(),
                        cache.file());
            }
        } catch (DocumentException e) {
            log.warn(
                    "The cache file {} is unreadable ({}); the application's settings start from its other sources",
                    cache.file(),
                    e.getMessage());
        }
    }

    private synchronized void poll() {
        if (closed || store == null) {
            return;
        }
        try {
            deliver(store.documents()
                    .current(document)
                    .map(DocumentVersion::text)
                    .orElse(""));
        } catch (RuntimeException e) {
            log.debug("Reading {} failed: {}", document, e.toString());
        }
    }

    private void awaitFirst() {
        try {
            // the watch reads the store before its first delivery: start on the document, not before it
            first.await(registry.connectionTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(String text) {
        try {
            if (settings.accept(text, document.toString()) && cache != null) {
                try {
                    cache.write(text);
                } catch (IOException e) {
                    log.warn("Could not write the cache file {}: {}", cache.file(), e.toString());
                }
            }
        } finally {
            first.countDown(); // only now has the application taken the first document: start may go on
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            closeStore();
        }
        scheduler.shutdownNow();
    }

    private void closeStore() {
        if (watchHandle != null) {
            try {
                watchHandle.close();
            } catch (Exception e) {
                log.debug("Closing the watch of {} failed", document, e);
            }
            watchHandle = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    /** Ends the periodic retry once connected (a scheduled task stops when it throws). */
    private static final class RetryDone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RetryDone() {
            super(null, null, false, false);
        }
    }
}

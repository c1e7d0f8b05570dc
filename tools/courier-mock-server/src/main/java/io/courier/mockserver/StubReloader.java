package io.courier.mockserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the stub files and reloads one when its modification time or size changes. A file that no
 * longer loads is logged with its line and reason, and the stubs loaded before keep answering. A
 * reload may change stubs, not the service a file serves. Polling rather than a file-system watch:
 * it behaves the same on every file system, including mounted ones and editors that replace files.
 */
final class StubReloader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StubReloader.class);

    private final StubResolver resolver;
    private final Map<Path, StubbedService> services;
    private final Map<Path, Stamp> stamps = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private volatile StubFileException lastFailure;

    StubReloader(StubResolver resolver, Map<Path, StubbedService> services, long intervalMillis) {
        this.resolver = resolver;
        this.services = Map.copyOf(services);
        services.keySet().forEach(file -> stamps.put(file, Stamp.of(file)));
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "courier-mock-server-reload");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::checkAll, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** The last reload that failed, until a later reload of any file succeeds. */
    Optional<StubFileException> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    private void checkAll() {
        for (Map.Entry<Path, StubbedService> entry : services.entrySet()) {
            Path file = entry.getKey();
            Stamp now = Stamp.of(file);
            if (!now.equals(stamps.put(file, now))) {
                reload(file, entry.getValue());
            }
        }
    }

    private void reload(Path file, StubbedService service) {
        try {
            ServiceStubs loaded = resolver.resolve(file);
            ServiceStubs old = service.stubs();
            if (!old.sameService(loaded)) {
                throw new StubFileException(
                        file,
                        1,
                        "the file now names " + loaded.describe() + " (expected: " + old.describe()
                                + ", which this server exports; restart it to serve another service)");
            }
            service.replace(loaded);
            lastFailure = null;
            log.info("Reloaded {}: {} stub(s) of {}", file, loaded.stubs().size(), loaded.describe());
        } catch (StubFileException e) {
            lastFailure = e;
            log.error("Kept the previous stubs: the changed stub file is refused: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("Kept the previous stubs: {} could not be reloaded", file, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** What tells a changed file: its modification time and size (absent files have neither). */
    private record Stamp(long modifiedNanos, long size) {
        static Stamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), attributes.size());
            } catch (IOException e) {
                return new Stamp(-1, -1);
            }
        }
    }
}

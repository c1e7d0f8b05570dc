package io.courier.examples.extending;

import io.courier.api.DynamicConfig;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Registry} over a directory: one file per provider instance,
 * {@code <directory>/<service key, URL-encoded>/<host>_<port>.properties}, read by polling.
 *
 * <p>Everything that touches the disk runs on the registry's one daemon thread, so
 * {@link #register}, {@link #unregister} and {@link #subscribe} return at once and every listener
 * is called on that thread, one delivery at a time, in order. Each poll (every
 * {@code pollMillis}) rewrites a registration whose file has disappeared and delivers each
 * subscription's provider list when it changed: a complete snapshot, sorted by endpoint.
 *
 * <p>Limits, against ZooKeeper: a process that dies without {@link #close()} leaves its files
 * behind (there is no session to expire them), so consumers keep dialling it until someone deletes
 * them, and failover covers the failed connections meanwhile; there is no dynamic configuration;
 * and no cache file is needed, since the directory itself survives restarts.
 */
final class FileRegistry implements Registry {

    private static final Logger log = LoggerFactory.getLogger(FileRegistry.class);
    private static final Comparator<ServiceInstance> BY_ENDPOINT = Comparator.comparing(
                    (ServiceInstance instance) -> instance.endpoint().host())
            .thenComparingInt(instance -> instance.endpoint().port());

    private final Path directory;
    private final ScheduledExecutorService thread;
    /** This process's registrations: file to the instance it describes. */
    private final Map<Path, ServiceInstance> registrations = new ConcurrentHashMap<>();

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    FileRegistry(Path directory, long pollMillis) {
        this.directory = directory;
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread worker = new Thread(task, "courier-file-registry");
            worker.setDaemon(true);
            return worker;
        });
        thread.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        log.info("File registry in {} started", directory);
    }

    @Override
    public void register(ServiceInstance instance) {
        Objects.requireNonNull(instance, "instance");
        checkOpen();
        Path file = fileOf(instance);
        registrations.put(file, instance);
        thread.execute(() -> write(file, instance));
    }

    @Override
    public void unregister(ServiceInstance instance) {
        Objects.requireNonNull(instance, "instance");
        checkOpen();
        Path file = fileOf(instance);
        if (registrations.remove(file) != null) {
            thread.execute(() -> delete(file));
        }
    }

    @Override
    public AutoCloseable subscribe(ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        Objects.requireNonNull(listener, "listener");
        checkOpen();
        Subscription subscription = new Subscription(serviceKey, listener);
        subscriptions.add(subscription);
        thread.execute(subscription::poll); // the first delivery, on the registry's thread
        return () -> subscriptions.remove(subscription);
    }

    @Override
    public AutoCloseable watchConfig(ServiceKey serviceKey, Consumer<DynamicConfig> listener) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        Objects.requireNonNull(listener, "listener");
        checkOpen();
        return () -> {}; // no dynamic configuration in this registry: nothing is ever known
    }

    /** Stops polling and deletes this process's files, so consumers stop calling it. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        subscriptions.clear();
        // Queued writes and deletes still run; the periodic poll stops.
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registrations.keySet().forEach(FileRegistry::delete);
        registrations.clear();
        log.info("File registry in {} closed", directory);
    }

    private void poll() {
        registrations.forEach((file, instance) -> {
            if (!Files.exists(file)) {
                write(file, instance);
            }
        });
        for (Subscription subscription : subscriptions) {
            subscription.poll();
        }
    }

    private Path fileOf(ServiceInstance instance) {
        return serviceDirectory(instance.serviceKey())
                .resolve(instance.endpoint().host() + "_" + instance.endpoint().port() + ".properties");
    }

    private Path serviceDirectory(ServiceKey key) {
        return directory.resolve(URLEncoder.encode(key.toString(), StandardCharsets.UTF_8));
    }

    private static void write(Path file, ServiceInstance instance) {
        try {
            Files.createDirectories(file.getParent());
            // Write aside, then rename: a reader never sees half a file.
            Path temporary = Files.createTempFile(file.getParent(), ".register", ".tmp");
            Files.writeString(temporary, InstanceFiles.format(instance));
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn(
                    "Could not register {} in {} (retrying on the next poll): {}",
                    instance.endpoint(),
                    file,
                    e.toString());
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", file, e.toString());
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("file registry in " + directory + " is closed");
        }
    }

    /** One listener of one service's providers; polled on the registry's thread only. */
    private final class Subscription {
        private final ServiceKey serviceKey;
        private final Consumer<List<ServiceInstance>> listener;
        private List<ServiceInstance> delivered;

        Subscription(ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener) {
            this.serviceKey = serviceKey;
            this.listener = listener;
        }

        void poll() {
            if (closed || !subscriptions.contains(this)) {
                return;
            }
            List<ServiceInstance> current = read();
            if (current.equals(delivered)) {
                return;
            }
            delivered = current;
            try {
                listener.accept(current);
            } catch (RuntimeException e) {
                log.error("A provider listener of {} failed", serviceKey, e);
            }
        }

        private List<ServiceInstance> read() {
            List<ServiceInstance> instances = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(serviceDirectory(serviceKey), "*.properties")) {
                for (Path file : files) {
                    try {
                        instances.add(InstanceFiles.parse(serviceKey, Files.readString(file)));
                    } catch (NoSuchFileException e) {
                        // unregistered while we listed the directory
                    } catch (IOException | IllegalArgumentException e) {
                        log.warn("Ignoring provider file {}: {}", file, e.getMessage());
                    }
                }
            } catch (NoSuchFileException e) {
                return List.of(); // no provider has ever registered this service here
            } catch (IOException e) {
                log.warn("Cannot list the providers of {} in {}: {}", serviceKey, directory, e.toString());
                return delivered == null ? List.of() : delivered; // keep the last known list
            }
            instances.sort(BY_ENDPOINT);
            return List.copyOf(instances);
        }
    }
}

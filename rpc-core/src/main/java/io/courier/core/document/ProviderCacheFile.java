package io.courier.core.document;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.core.concurrent.SerialExecutor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local copy of the last known providers of every subscribed service, so that a consumer that
 * starts while its registry (ZooKeeper, etcd) is unreachable still finds its providers.
 *
 * <p>Format 1, a JSON object (instances as in {@link InstanceCodec}):
 *
 * <pre>
 * {"format": 1, "savedAtMillis": 1700000000000,
 *  "services": {"a.B": [{"format": 1, "serviceKey": "a.B", "endpoint": "10.0.0.1:20880", ...}]}}
 * </pre>
 *
 * <p>Writes are atomic: the whole file is written to a temporary file in the same directory, forced
 * to disk, then moved over the old one, so a reader sees the old or the new content, never a mix.
 * Writes happen in the background, one at a time, and a burst of changes becomes one write.
 *
 * <p>Reads are strict: a file that cannot be read or parsed, or that is not format 1, is unreadable
 * as a whole. Thread-safe.
 */
public final class ProviderCacheFile implements AutoCloseable {

    public static final int FORMAT = 1;
    static final int MAX_CHARS = 64 * 1024 * 1024;

    /** The order of every registry's provider lists: by host, then port. */
    private static final Comparator<ServiceInstance> BY_ENDPOINT = Comparator.comparing(
            ServiceInstance::endpoint, Comparator.comparing(Endpoint::host).thenComparingInt(Endpoint::port));

    private static final Logger log = LoggerFactory.getLogger(ProviderCacheFile.class);

    private final Path file;
    private final Map<ServiceKey, List<ServiceInstance>> services;
    private final SerialExecutor writer;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final Object writeLock = new Object();
    private boolean closed; // guarded by writeLock

    private ProviderCacheFile(Path file, Map<ServiceKey, List<ServiceInstance>> services, Executor pool) {
        this.file = file;
        this.services = new ConcurrentHashMap<>(services);
        this.writer = new SerialExecutor(pool);
    }

    /**
     * Opens the cache at {@code file} ({@code null} for none), reading what it holds.
     *
     * @param strict whether an unreadable file is an error (else it is logged and ignored)
     * @throws IllegalStateException if {@code strict} and the file exists but cannot be read; the
     *     message names the file and the defect
     */
    public static ProviderCacheFile open(Path file, boolean strict, Executor pool) {
        if (file == null) {
            return new ProviderCacheFile(null, Map.of(), pool);
        }
        try {
            Map<ServiceKey, List<ServiceInstance>> services = read(file);
            log.debug("Read {} services from the registry cache file {}", services.size(), file);
            return new ProviderCacheFile(file, services, pool);
        } catch (NoSuchFileException e) {
            return new ProviderCacheFile(file, Map.of(), pool);
        } catch (IOException | DocumentException e) {
            String message = "Registry cache file " + file + " is unreadable: " + e.getMessage();
            if (strict) {
                throw new IllegalStateException(
                        message + " (delete it, or set strictCacheFile=false to start without cached providers)", e);
            }
            log.warn("{}; starting without cached providers (it is rewritten on the next change)", message);
            return new ProviderCacheFile(file, Map.of(), pool);
        }
    }

    /** The cached providers of {@code serviceKey}, if the cache has an entry for it. */
    public Optional<List<ServiceInstance>> get(ServiceKey serviceKey) {
        return Optional.ofNullable(services.get(serviceKey));
    }

    /** Records the providers of {@code serviceKey} and schedules a write if they changed. */
    public void update(ServiceKey serviceKey, List<ServiceInstance> instances) {
        if (file == null) {
            return;
        }
        List<ServiceInstance> previous = services.put(serviceKey, instances);
        if (!instances.equals(previous) && dirty.compareAndSet(false, true)) {
            writer.execute(this::writeInBackground);
        }
    }

    /**
     * What a registry's watch of {@code serviceKey} feeds: each list it reports goes to {@link #update};
     * with {@code emptyProtection} on, an empty one does not, so the file keeps the last non-empty list,
     * as the subscribers do.
     */
    public Consumer<List<ServiceInstance>> follower(ServiceKey serviceKey, boolean emptyProtection) {
        return instances -> {
            if (!instances.isEmpty() || !emptyProtection) {
                update(serviceKey, instances);
            }
        };
    }

    /** Writes pending changes now; no write happens after this returns. */
    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            if (file != null && dirty.getAndSet(false)) {
                write();
            }
        }
    }

    private void writeInBackground() {
        synchronized (writeLock) {
            if (!closed) {
                // cleared before the map is read, so a change during the write schedules another one
                dirty.set(false);
                write();
            }
        }
    }

    private void write() {
        try {
            writeAtomically(file, render(services));
        } catch (IOException e) {
            log.warn("Could not write the registry cache file {}: {}", file, e.toString());
        }
    }

    static String render(Map<ServiceKey, List<ServiceInstance>> services) {
        Map<String, List<ServiceInstance>> sorted = new TreeMap<>();
        services.forEach((key, instances) -> sorted.put(key.toString(), instances));
        JsonWriter json = new JsonWriter(1024 + 512 * sorted.size());
        json.beginObject()
                .field("format", FORMAT)
                .field("savedAtMillis", System.currentTimeMillis())
                .name("services")
                .beginObject();
        for (Map.Entry<String, List<ServiceInstance>> entry : sorted.entrySet()) {
            json.name(entry.getKey()).beginArray();
            for (ServiceInstance instance : entry.getValue()) {
                InstanceCodec.write(instance, json);
            }
            json.endArray();
        }
        return json.endObject().endObject().text();
    }

    static Map<ServiceKey, List<ServiceInstance>> read(Path file) throws IOException, DocumentException {
        long size = Files.size(file);
        if (size > MAX_CHARS) {
            throw new DocumentException(size + " bytes (expected: at most " + MAX_CHARS + ")");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new DocumentException("the file is empty (expected: a format-" + FORMAT + " cache document)");
        }
        Fields cache = Fields.of(SafeYaml.load(text, MAX_CHARS), "cache");
        long format = cache.integer("format", 1, Integer.MAX_VALUE);
        if (format != FORMAT) {
            throw new DocumentException("cache.format: " + format + " (expected: " + FORMAT + ")");
        }
        Fields services = cache.mapping("services");
        Interner interner = new Interner();
        Map<ServiceKey, List<ServiceInstance>> result = new TreeMap<>(Comparator.comparing(ServiceKey::toString));
        for (String name : services.names()) {
            String where = "cache.services." + Fields.abbreviate(name);
            ServiceKey serviceKey;
            try {
                serviceKey = ServiceKey.parse(name);
            } catch (IllegalArgumentException e) {
                throw new DocumentException(where + ": " + e.getMessage());
            }
            if (!(services.raw(name) instanceof List<?> entries)) {
                throw new DocumentException(where + ": " + Fields.describe(services.raw(name)) + " (expected: a list)");
            }
            List<ServiceInstance> instances = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                ServiceInstance instance =
                        InstanceCodec.read(Fields.of(entries.get(i), where + "[" + i + "]"), interner);
                if (!instance.serviceKey().equals(serviceKey)) {
                    throw new DocumentException(where + "[" + i + "].serviceKey: '" + instance.serviceKey()
                            + "' (expected: " + serviceKey + ")");
                }
                instances.add(instance);
            }
            instances.sort(BY_ENDPOINT);
            result.put(serviceKey, List.copyOf(instances));
        }
        return result;
    }

    /** Writes {@code text} to a temporary file beside {@code file}, forces it, then moves it over {@code file}. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}

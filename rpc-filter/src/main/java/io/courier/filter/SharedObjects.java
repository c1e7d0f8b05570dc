package io.courier.filter;

import io.courier.api.time.Ticker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application-wide objects behind {@link io.courier.api.filter.FilterContext#shared}: one per type,
 * either given by the application ({@link #register}) or built on first request. The application
 * owns one instance and closes it when it stops, after every chain; closing closes, in reverse
 * order of creation, each built object that is {@link AutoCloseable}. Registered objects are not
 * closed: they belong to whoever registered them. Thread-safe.
 */
public final class SharedObjects implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedObjects.class);

    private final Map<Class<?>, Object> objects = new HashMap<>();
    private final List<AutoCloseable> built = new ArrayList<>();
    private boolean closed;

    /**
     * Makes {@code object} the application's {@code type} (a {@code MeterRegistry}, an
     * {@code OpenTelemetry}, a {@link Ticker}, ...), before any chain asks for one.
     *
     * @throws IllegalStateException if an object of {@code type} is already there
     */
    public synchronized <T> SharedObjects register(Class<T> type, T object) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(object, "object");
        checkOpen();
        Object previous = objects.putIfAbsent(type, type.cast(object));
        if (previous != null) {
            throw new IllegalStateException("shared " + type.getName() + ": already set to " + previous);
        }
        return this;
    }

    /** The object of {@code type}, built by {@code factory} if there is none yet. */
    public synchronized <T> T get(Class<T> type, Supplier<? extends T> factory) {
        Objects.requireNonNull(type, "type");
        checkOpen();
        Object current = objects.get(type);
        if (current == null) {
            // Not computeIfAbsent: a factory may ask for other shared objects (the lock is reentrant).
            T created = Objects.requireNonNull(factory.get(), () -> "factory of shared " + type.getName());
            current = type.cast(created);
            objects.put(type, current);
            if (current instanceof AutoCloseable closeable) {
                built.add(closeable);
            }
        }
        return type.cast(current);
    }

    /** The object of {@code type} if one was registered or built. */
    public synchronized <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(type.cast(objects.get(type)));
    }

    /** Closes the built objects, newest first; a failure is logged and the rest still closed. */
    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(built);
            built.clear();
            objects.clear();
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                log.warn("Closing shared {} failed", toClose.get(i), e);
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("shared objects are closed (the application has stopped)");
        }
    }
}

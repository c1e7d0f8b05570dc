package io.courier.bootstrap.internal.appconfig;

import io.courier.api.config.AppSettings;
import io.courier.api.config.ConfigKey;
import io.courier.core.concurrent.DaemonThreads;
import io.courier.core.document.DocumentException;
import io.courier.core.document.SettingsSection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's settings as they stand: one immutable {@link Values} replaced as a whole on each
 * accepted document, so a reader sees every key and record of one document. Listeners hear each
 * changed key on one thread of their own. Thread-safe.
 */
public final class ApplicationSettings implements AppSettings, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApplicationSettings.class);

    /** Every value and bound record of one document. */
    record Values(Map<String, Object> values, Map<Class<?>, Record> records) {}

    private final Map<String, ConfigKey<?>> keys;
    private final Map<Class<?>, RecordKeys<?>> records;
    private final SettingsResolver resolver;
    private final LogLevels logLevels;
    private final Consumer<Map<String, String>> host;
    private final LongAdder rejected = new LongAdder();
    private final AtomicReference<Values> current = new AtomicReference<>();
    private final Map<String, List<ChangeListener<Object>>> listeners = new ConcurrentHashMap<>();
    private final ExecutorService notifier =
            Executors.newSingleThreadExecutor(new DaemonThreads("courier-settings-listener"));
    private String lastText = "";

    /**
     * @param declared the declarations: keys and records
     * @param configured each key's value from Courier's other sources, or its default (null for none)
     * @param host hears each taken document's settings section (and owns the undeclared names), or null
     */
    public ApplicationSettings(
            SettingsDeclarations declared, Map<String, Object> configured, Consumer<Map<String, String>> host) {
        this.keys = declared.keys();
        this.records = declared.records();
        this.host = host;
        this.resolver = new SettingsResolver(keys, configured, rejected::increment, host == null);
        this.logLevels = new LogLevels(rejected::increment);
        this.current.set(values(resolver.resolve(Map.of(), "")));
    }

    /**
     * Takes {@code text}, the application's document in force, from {@code origin}. A document that
     * cannot be read at all is refused as a whole: everything stays.
     *
     * @return whether the document was readable (and so may be cached as the last good one)
     */
    public synchronized boolean accept(String text, String origin) {
        if (text.equals(lastText)) {
            return true;
        }
        Map<String, String> centre;
        try {
            centre = SettingsSection.parse(text);
        } catch (DocumentException e) {
            rejected.increment();
            log.warn(
                    "Rejected the configuration document {}: {}; the previous settings stay in force",
                    origin,
                    e.getMessage());
            lastText = text;
            return false;
        }
        lastText = text;
        String where = "configuration centre, " + origin;
        Values next;
        try {
            next = values(resolver.resolve(centre, where));
        } catch (IllegalArgumentException e) {
            rejected.increment();
            log.warn(
                    "Rejected the configuration document {}: {}; the previous settings stay in force",
                    origin,
                    e.getMessage());
            return false;
        }
        logLevels.apply(centre, where);
        Values previous = current.getAndSet(next);
        announce(previous, next);
        tellHost(centre, origin);
        return true;
    }

    /** Settings refused (values, levels or whole documents) since start. */
    public long rejectedCount() {
        return rejected.sum();
    }

    /** The values refused now and still in the centre, by key (secrets hidden), for the admin endpoint. */
    public synchronized Map<String, String> rejectedValues() {
        return resolver.rejected();
    }

    @Override
    public <T> T get(ConfigKey<T> key) {
        ConfigKey<?> declared = declared(key.name());
        Object value = current.get().values().get(declared.name());
        if (value == null) {
            throw new IllegalArgumentException(
                    key.name() + ": not set (expected: a value from a source, or a default)");
        }
        @SuppressWarnings("unchecked")
        T typed = (T) value;
        return typed;
    }

    @Override
    public <R extends Record> Supplier<R> bind(Class<R> type) {
        Objects.requireNonNull(type, "type");
        if (!records.containsKey(type)) {
            throw new IllegalArgumentException(type.getName() + ": not declared (expected: CourierBuilder.settings("
                    + type.getSimpleName() + ".class))");
        }
        return () -> type.cast(current.get().records().get(type));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> AutoCloseable onChange(ConfigKey<T> key, ChangeListener<T> listener) {
        declared(key.name());
        Objects.requireNonNull(listener, "listener");
        ChangeListener<Object> untyped = (ChangeListener<Object>) (ChangeListener<?>) listener;
        listeners
                .computeIfAbsent(key.name(), name -> new CopyOnWriteArrayList<>())
                .add(untyped);
        return () -> listeners.get(key.name()).remove(untyped);
    }

    @Override
    public void close() {
        notifier.shutdownNow();
    }

    private ConfigKey<?> declared(String name) {
        ConfigKey<?> key = keys.get(name);
        if (key == null) {
            throw new IllegalArgumentException(name + ": not declared (expected: one of " + keys.keySet()
                    + "; declare it with CourierBuilder.setting(key))");
        }
        return key;
    }

    private Values values(Map<String, Object> values) {
        Map<Class<?>, Record> built = new HashMap<>();
        for (RecordKeys<?> record : records.values()) {
            List<Object> arguments = new ArrayList<>(record.keys().size());
            for (ConfigKey<?> key : record.keys()) {
                Object value = values.get(key.name());
                if (value == null) {
                    throw new IllegalArgumentException(
                            key.name() + ": not set (expected: a value from a source, or @ConfigValue(defaultValue))");
                }
                arguments.add(value);
            }
            built.put(record.type(), record.build(arguments));
        }
        return new Values(values, Map.copyOf(built));
    }

    private static void call(ChangeListener<Object> listener, ConfigKey<Object> key, Object before, Object after) {
        try {
            listener.onChange(key, before, after);
        } catch (RuntimeException e) {
            log.error("A listener of the application setting {} failed", key.name(), e);
        }
    }

    private void tellHost(Map<String, String> centre, String origin) {
        if (host == null) {
            return;
        }
        try {
            host.accept(centre);
        } catch (RuntimeException e) {
            log.error("The host of the application's settings failed to take the document {}", origin, e);
        }
    }

    private void announce(Values previous, Values next) {
        for (Map.Entry<String, List<ChangeListener<Object>>> entry : listeners.entrySet()) {
            Object before = previous.values().get(entry.getKey());
            Object after = next.values().get(entry.getKey());
            if (Objects.equals(before, after) || entry.getValue().isEmpty()) {
                continue;
            }
            @SuppressWarnings("unchecked")
            ConfigKey<Object> key = (ConfigKey<Object>) keys.get(entry.getKey());
            for (ChangeListener<Object> listener : entry.getValue()) {
                try {
                    notifier.execute(() -> call(listener, key, before, after));
                } catch (RejectedExecutionException e) {
                    return; // closed: nobody listens any more
                }
            }
        }
    }
}

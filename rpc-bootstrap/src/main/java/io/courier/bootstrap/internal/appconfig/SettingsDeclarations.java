package io.courier.bootstrap.internal.appconfig;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.KeyDeclaration;
import io.courier.api.config.KeyDeclarations;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application's declared settings: its keys by name, and its records with their keys.
 *
 * @param keys every declared key, a record's included, by name
 * @param records the declared records
 */
public record SettingsDeclarations(Map<String, ConfigKey<?>> keys, Map<Class<?>, RecordKeys<?>> records) {

    /** Nothing declared. */
    public static final SettingsDeclarations NONE = new SettingsDeclarations(Map.of(), Map.of());

    /**
     * The declarations of {@code keys} and {@code recordTypes}.
     *
     * @throws IllegalArgumentException if a key is one of Courier's, two declarations name one key
     *     differently, or a record is not a {@code @ConfigPrefix} record of supported types
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static SettingsDeclarations of(
            Collection<ConfigKey<?>> keys, Collection<Class<? extends Record>> recordTypes) {
        Map<String, ConfigKey<?>> byName = new LinkedHashMap<>();
        Map<Class<?>, RecordKeys<?>> records = new LinkedHashMap<>();
        for (Class<? extends Record> type : recordTypes) {
            RecordKeys<?> record = RecordKeys.of((Class) type);
            records.put(type, record);
            record.keys().forEach(key -> add(byName, key));
        }
        keys.forEach(key -> add(byName, key));
        return new SettingsDeclarations(Map.copyOf(byName), Map.copyOf(records));
    }

    /**
     * What the application publishes of its keys: a record's with their checks, a key declared with
     * {@link ConfigKey#application} without one (writers cannot rebuild its type).
     *
     * @param open whether a host framework owns the names not declared ({@link KeyDeclarations#open()})
     */
    public KeyDeclarations published(boolean open) {
        Map<String, KeyDeclaration> byName = new LinkedHashMap<>();
        keys.values().forEach(key -> byName.put(key.name(), KeyDeclaration.of(key, "")));
        records.values().forEach(record -> record.declarations().forEach(d -> byName.put(d.name(), d)));
        return KeyDeclarations.of(byName.values(), open);
    }

    /** The declared names. */
    public List<String> names() {
        return List.copyOf(keys.keySet());
    }

    private static void add(Map<String, ConfigKey<?>> byName, ConfigKey<?> key) {
        if (key.courierKey()) {
            throw new IllegalArgumentException(key.name()
                    + ": one of Courier's keys (expected: an application key, declared with ConfigKey.application)");
        }
        ConfigKey<?> before = byName.putIfAbsent(key.name(), key);
        if (before != null && !before.type().name().equals(key.type().name())) {
            throw new IllegalArgumentException(key.name() + ": declared twice, as "
                    + before.type().name() + " and " + key.type().name() + " (expected: one declaration)");
        }
    }
}

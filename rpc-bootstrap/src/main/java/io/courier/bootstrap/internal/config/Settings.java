package io.courier.bootstrap.internal.config;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigValueException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The merged configuration: for each key the winning {@link Setting} and its parsed value. Built
 * once at start-up; immutable afterwards, so no request can change it.
 */
public final class Settings {

    private final Map<String, Setting> winners;
    private final Map<String, Object> values;

    private Settings(Map<String, Setting> winners, Map<String, Object> values) {
        this.winners = Map.copyOf(winners);
        this.values = Map.copyOf(values);
    }

    /** Parses every declared key of {@code winners} but the filter options, in any of its forms, adding a message to {@code problems} per bad value. */
    static Settings parse(Map<String, Setting> winners, List<String> problems) {
        Map<String, Object> values = new HashMap<>();
        for (Setting setting : winners.values()) {
            // Any form of a declared key: the key, a per-method filter option, a per-service override.
            ConfigKey<?> key = ConfigKeys.registry().match(setting.key()).orElse(null);
            if (key == null || key.name().startsWith(ConfigKeys.FILTER_PREFIX)) {
                // A filter option's value is checked by its filter when bound (with its origin), so an
                // option of a service nobody exports or references never stops the start.
                continue;
            }
            try {
                values.put(setting.key(), key.parse(setting.text(), setting.key(), setting.origin()));
            } catch (ConfigValueException e) {
                problems.add(e.getMessage());
            }
        }
        return new Settings(winners, values);
    }

    /** Settings with nothing set: every key at its default. */
    static Settings defaults() {
        return new Settings(Map.of(), Map.of());
    }

    /** The value of {@code key}: the winning source's, or the default. */
    public <T> T get(ConfigKey<T> key) {
        @SuppressWarnings("unchecked")
        T value = (T) values.get(key.name());
        return value != null || values.containsKey(key.name()) ? value : key.defaultValue();
    }

    /** Whether some source set {@code key}. */
    public boolean isSet(ConfigKey<?> key) {
        return winners.containsKey(key.name());
    }

    /** The value of {@code key} for one service: its {@code courier.service.<interface>.*} override, or {@link #get}. */
    public <T> T forService(String interfaceName, ConfigKey<T> key) {
        @SuppressWarnings("unchecked")
        T value = (T) values.get(ServiceOverride.keyFor(interfaceName, key));
        return value != null ? value : get(key);
    }

    /** The raw text of any key (filters read theirs this way), or empty. */
    public Optional<String> text(String key) {
        Setting setting = winners.get(key);
        return setting == null ? Optional.empty() : Optional.of(setting.text().trim());
    }

    /** The raw text of any key, or {@code null}: what filter contexts read. */
    public String textOrNull(String key) {
        Setting setting = winners.get(key);
        return setting == null ? null : setting.text().trim();
    }

    /** Where {@code key} was set, or {@code null}: what filter contexts name in their messages. */
    public String originOrNull(String key) {
        Setting setting = winners.get(key);
        return setting == null ? null : setting.origin();
    }

    /** Every key some source set, with its winning setting; for the admin endpoint's {@code /config}. */
    public Map<String, Setting> entries() {
        return winners;
    }

    /** Where {@code key} was set, for messages; {@code "default"} when no source set it. */
    public String origin(String key) {
        Setting setting = winners.get(key);
        return setting == null ? "default" : setting.origin();
    }
}

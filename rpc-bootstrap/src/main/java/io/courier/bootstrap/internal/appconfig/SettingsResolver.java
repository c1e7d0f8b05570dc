package io.courier.bootstrap.internal.appconfig;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyRegistry;
import io.courier.api.config.ConfigValueException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides each declared key's value from the configured one (Courier's sources, or the default) and
 * the configuration centre's text, which wins while it is valid. A text that fails its key is not
 * taken: the key keeps the last value the centre gave it (or the configured one), and the rejection
 * is reported once per text, with one WARN and one count. Not thread-safe: its owner serialises calls.
 */
final class SettingsResolver {

    private static final Logger log = LoggerFactory.getLogger(SettingsResolver.class);

    private final Map<String, ConfigKey<?>> keys;
    private final Map<String, Object> configured;
    private final Runnable rejectedCounter;
    private final boolean reportUndeclared;
    private final Map<String, Object> lastGood = new HashMap<>();
    private final Map<String, String> reported = new HashMap<>();
    private final Map<String, String> rejected = new LinkedHashMap<>();

    /**
     * @param keys the declared keys by name
     * @param configured each key's value from the other sources or its default (null for none)
     * @param rejectedCounter moved once per rejected text
     * @param reportUndeclared whether an undeclared name is logged (not when a host framework owns them)
     */
    SettingsResolver(
            Map<String, ConfigKey<?>> keys,
            Map<String, Object> configured,
            Runnable rejectedCounter,
            boolean reportUndeclared) {
        this.keys = keys;
        this.configured = configured;
        this.rejectedCounter = rejectedCounter;
        this.reportUndeclared = reportUndeclared;
    }

    /**
     * The value of every declared key under {@code centre}, the centre's settings (empty for none).
     *
     * @param origin where the centre's texts come from, for messages
     */
    Map<String, Object> resolve(Map<String, String> centre, String origin) {
        Map<String, Object> values = new HashMap<>(configured);
        for (Map.Entry<String, ConfigKey<?>> entry : keys.entrySet()) {
            String name = entry.getKey();
            String text = centre.get(name);
            if (text == null) {
                lastGood.remove(name);
                reported.remove(name);
                rejected.remove(name);
                continue;
            }
            try {
                Object value = entry.getValue().parse(text, name, origin);
                lastGood.put(name, value);
                reported.remove(name);
                rejected.remove(name);
                values.put(name, value);
            } catch (ConfigValueException e) {
                reject(name, text, e);
                values.put(name, lastGood.getOrDefault(name, configured.get(name)));
            }
        }
        if (reportUndeclared) {
            reportUndeclared(centre, origin);
        }
        return Collections.unmodifiableMap(values);
    }

    /** The texts refused now and still in the centre, by key, as messages show them (secrets hidden). */
    Map<String, String> rejected() {
        return Map.copyOf(rejected);
    }

    private void reject(String name, String text, ConfigValueException e) {
        rejected.put(name, e.value());
        if (text.equals(reported.put(name, text))) {
            return; // reported when first seen: one WARN and one count per rejected text
        }
        rejectedCounter.run();
        log.warn("Rejected the application setting {}; the previous value stays in force", e.getMessage());
    }

    private void reportUndeclared(Map<String, String> centre, String origin) {
        for (String name : centre.keySet()) {
            if (keys.containsKey(name) || name.startsWith(LogLevels.PREFIX) || reported.containsKey(name)) {
                continue;
            }
            reported.put(name, "");
            Optional<String> nearest = ConfigKeyRegistry.nearest(name, List.copyOf(keys.keySet()));
            log.warn(
                    "Ignored {}: not a setting the application declares [{}]{}",
                    name,
                    origin,
                    ConfigKeyRegistry.didYouMean(nearest));
        }
    }
}

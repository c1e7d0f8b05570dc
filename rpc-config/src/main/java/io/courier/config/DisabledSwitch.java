package io.courier.config;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.store.DocumentStore;
import io.courier.api.store.InvalidDocumentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Offline and online by configuration: adds an endpoint to, or removes it from, the {@code disabled}
 * list of a service's document, or sets its weight (0 drains it), keeping the other fields, as a
 * normal versioned write (retried when another writer wins the race).
 */
final class DisabledSwitch {

    private static final int ATTEMPTS = 5;

    private final ConfigStore store;

    DisabledSwitch(ConfigStore store) {
        this.store = store;
    }

    Optional<ConfigVersion> set(ServiceKey serviceKey, Endpoint endpoint, boolean disabled, String author) {
        Objects.requireNonNull(endpoint, "endpoint");
        return edit(serviceKey, author, (disabled ? "offline " : "online ") + endpoint, document -> {
            List<String> list = disabledList(document);
            if (list.contains(endpoint.toString()) == disabled) {
                return false;
            }
            if (disabled) {
                list.add(endpoint.toString());
            } else {
                list.remove(endpoint.toString());
            }
            if (list.isEmpty()) {
                document.remove("disabled");
            } else {
                document.put("disabled", list);
            }
            return true;
        });
    }

    /** Sets (or, with {@code null}, removes) the weight of {@code endpoint} in the service's document. */
    Optional<ConfigVersion> weight(ServiceKey serviceKey, Endpoint endpoint, Integer weight, String author) {
        Objects.requireNonNull(endpoint, "endpoint");
        String comment = "weight " + endpoint + " = " + (weight == null ? "as registered" : weight);
        return edit(serviceKey, author, comment, document -> {
            Map<String, Object> weights = new LinkedHashMap<>();
            if (document.get("weights") instanceof Map<?, ?> values) {
                values.forEach((key, value) -> weights.put(String.valueOf(key), value));
            }
            Object before =
                    weight == null ? weights.remove(endpoint.toString()) : weights.put(endpoint.toString(), weight);
            if (Objects.equals(before, weight)) {
                return false;
            }
            if (weights.isEmpty()) {
                document.remove("weights");
            } else {
                document.put("weights", weights);
            }
            return true;
        });
    }

    /**
     * Applies {@code change} (which says whether it changed anything) to the service's document and
     * writes it as a new version, retried when another writer wins the race.
     */
    private Optional<ConfigVersion> edit(
            ServiceKey serviceKey, String author, String comment, Predicate<Map<String, Object>> change) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        ConfigScope scope = ConfigScope.service(serviceKey);
        for (int attempt = 1; ; attempt++) {
            Optional<ConfigVersion> current = store.current(scope);
            Map<String, Object> document = parse(
                    store.documents(), scope, current.map(ConfigVersion::text).orElse(""));
            if (!change.test(document)) {
                return current;
            }
            try {
                return Optional.of(store.write(
                        scope,
                        dump(document),
                        author,
                        comment,
                        current.map(ConfigVersion::number).orElse(0L)));
            } catch (ConfigConflictException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    Set<Endpoint> offline(ServiceKey serviceKey) {
        Optional<ConfigVersion> current = store.current(ConfigScope.service(serviceKey));
        if (current.isEmpty()) {
            return Set.of();
        }
        try {
            return store.documents().parse(current.get().text()).disabled();
        } catch (InvalidDocumentException e) {
            return Set.of();
        }
    }

    List<ServiceKey> setEverywhere(Endpoint endpoint, boolean disabled, String author) {
        List<ServiceKey> changed = new ArrayList<>();
        for (ServiceKey service : store.services()) {
            boolean hosted = false;
            for (ServiceInstance instance : store.providers(service)) {
                hosted |= instance.endpoint().equals(endpoint);
            }
            if (hosted) {
                set(service, endpoint, disabled, author);
                changed.add(service);
            }
        }
        return changed;
    }

    /**
     * The document in force as a mapping to edit. It is first read as the applications read it, so
     * a document they refuse is not edited ({@link EditableDocument} relies on that).
     */
    private static Map<String, Object> parse(DocumentStore documents, ConfigScope scope, String text) {
        if (text.isBlank()) {
            Map<String, Object> fresh = new LinkedHashMap<>();
            fresh.put("version", 1);
            return fresh;
        }
        try {
            documents.parse(text);
        } catch (InvalidDocumentException e) {
            throw new InvalidConfigException(scope, e.getMessage());
        }
        Map<String, Object> document = EditableDocument.load(text);
        if (document == null) {
            throw new InvalidConfigException(scope, "config: not a mapping");
        }
        return document;
    }

    private static List<String> disabledList(Map<String, Object> document) {
        List<String> list = new ArrayList<>();
        if (document.get("disabled") instanceof List<?> values) {
            values.forEach(value -> list.add(String.valueOf(value)));
        }
        return list;
    }

    private static String dump(Map<String, Object> document) {
        return EditableDocument.dump(document);
    }
}

package io.courier.registry.kubernetes.internal;

import io.courier.api.DynamicConfig;
import io.courier.api.store.DocumentKey;
import io.courier.api.store.DocumentStore;
import io.courier.api.store.DocumentVersion;
import io.courier.api.store.InvalidDocumentException;
import io.courier.api.store.StoreException;
import io.courier.api.store.VersionConflictException;
import io.courier.core.store.StoreDocuments;
import io.courier.core.store.VersionRecords;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration centre's documents on ConfigMaps ({@link DocumentLayout}). A write reads the
 * document's ConfigMap, checks that its latest version record is the one before the new version, and
 * writes the new text and record together: a create for the first version (refused by the API server
 * if the ConfigMap exists), else an update carrying the resourceVersion read (refused if anyone wrote
 * since). A refusal is re-read and reported as {@link VersionConflictException}: of two writers of the
 * same version, one wins. A ConfigMap holds at most 1 MiB: the oldest records that do not fit are dropped
 * (logged), and a version whose own text and record do not fit is refused. Thread-safe.
 */
public final class ConfigMapDocuments implements DocumentStore {

    private static final Comparator<DocumentKey> LISTED =
            Comparator.comparing(DocumentKey::kind).thenComparing(DocumentKey::name);

    /** What a ConfigMap's data may hold: the API server's 1 MiB for the whole object, less room for the metadata. */
    static final int MAX_DATA_BYTES = 1_000_000;

    private static final Logger log = LoggerFactory.getLogger(ConfigMapDocuments.class);

    private final Supplier<KubernetesClient> client;
    private final String namespace;
    private final DocumentLayout layout;
    private final Executor deliveries;
    private final Set<DocumentWatch> watches = ConcurrentHashMap.newKeySet();

    /**
     * @param client the store's client, checked open on each use
     * @param deliveries one thread, where watches deliver
     */
    public ConfigMapDocuments(
            Supplier<KubernetesClient> client, String namespace, DocumentLayout layout, Executor deliveries) {
        this.client = client;
        this.namespace = namespace;
        this.layout = layout;
        this.deliveries = deliveries;
    }

    @Override
    public Optional<DocumentVersion> current(DocumentKey key) {
        Objects.requireNonNull(key, "key");
        ConfigMap map = read(key);
        String text = DocumentLayout.text(map);
        List<Long> versions = DocumentLayout.versions(map);
        if (!versions.isEmpty()) {
            long latest = versions.get(versions.size() - 1);
            Optional<DocumentVersion> record = record(key, map, latest);
            if (record.isPresent() && record.get().text().equals(text)) {
                return record;
            }
        }
        return StoreDocuments.unversioned(text, created(map));
    }

    @Override
    public Optional<DocumentVersion> version(DocumentKey key, long number) {
        Objects.requireNonNull(key, "key");
        StoreDocuments.checkVersion(number);
        return record(key, read(key), number);
    }

    @Override
    public List<Long> versions(DocumentKey key) {
        Objects.requireNonNull(key, "key");
        return DocumentLayout.versions(read(key));
    }

    @Override
    public void write(DocumentKey key, DocumentVersion version, int keep) {
        Objects.requireNonNull(key, "key");
        StoreDocuments.checkWrite(version, keep);
        ConfigMap existing = read(key);
        long latest = latest(existing);
        if (latest != version.number() - 1) {
            throw new VersionConflictException(key, version.number() - 1, latest);
        }
        Map<String, String> data =
                new TreeMap<>(existing == null || existing.getData() == null ? Map.of() : existing.getData());
        data.put(DocumentLayout.TEXT, version.text());
        data.put(
                DocumentLayout.versionKey(version.number()),
                new String(VersionRecords.encode(version), StandardCharsets.UTF_8));
        List<Long> kept = new ArrayList<>(
                DocumentLayout.versions(new ConfigMapBuilder().withData(data).build()));
        while (kept.size() > keep || (kept.size() > 1 && bytes(data) > MAX_DATA_BYTES)) {
            data.remove(DocumentLayout.versionKey(kept.remove(0)));
        }
        if (bytes(data) > MAX_DATA_BYTES) {
            throw new StoreException(key + ": " + bytes(data) + " bytes with its version record (expected: at most "
                    + MAX_DATA_BYTES + " in one ConfigMap, which the API server caps at 1 MiB); nothing was written");
        }
        if (kept.size() < Math.min(keep, version.number())) {
            log.warn(
                    "{}: only the last {} versions fit in its ConfigMap (1 MiB); older ones dropped", key, kept.size());
        }
        try {
            if (existing == null) {
                maps().resource(layout.configMap(key, data)).create();
            } else {
                // the resourceVersion read stays on the object: the update is refused if anyone wrote since
                maps().resource(new ConfigMapBuilder(existing).withData(data).build())
                        .update();
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw new VersionConflictException(key, version.number() - 1, latest(read(key)));
            }
            throw failed("writing " + key, e);
        }
    }

    @Override
    public List<String> environments() {
        Set<String> environments = new TreeSet<>();
        for (ConfigMap map : list(layout.documents()).getItems()) {
            String environment = DocumentLayout.environment(map);
            if (environment != null) {
                environments.add(environment);
            }
        }
        return List.copyOf(environments);
    }

    @Override
    public List<DocumentKey> documents(String environment) {
        Objects.requireNonNull(environment, "environment");
        List<DocumentKey> keys = new ArrayList<>();
        for (ConfigMap map : list(layout.documents(environment)).getItems()) {
            DocumentLayout.addKey(keys, map);
        }
        keys.removeIf(key -> !key.environment().equals(environment));
        keys.sort(LISTED);
        return List.copyOf(keys);
    }

    @Override
    public DynamicConfig parse(String text) throws InvalidDocumentException {
        return StoreDocuments.parse(text);
    }

    @Override
    public Map<String, String> settings(String text) throws InvalidDocumentException {
        return StoreDocuments.settings(text);
    }

    @Override
    public AutoCloseable watch(DocumentKey key, Consumer<String> listener) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(listener, "listener");
        DocumentWatch watch =
                new DocumentWatch(client.get(), namespace, layout.name(key), key.toString(), deliveries, listener);
        watches.add(watch);
        watch.start();
        return () -> {
            watches.remove(watch);
            watch.close();
        };
    }

    /** Stops every watch. */
    public void closeWatches() {
        watches.forEach(DocumentWatch::close);
        watches.clear();
    }

    private ConfigMap read(DocumentKey key) {
        try {
            return maps().withName(layout.name(key)).get();
        } catch (KubernetesClientException e) {
            throw failed("reading " + key, e);
        }
    }

    private ConfigMapList list(Map<String, String> labels) {
        try {
            return maps().withLabels(labels).list();
        } catch (KubernetesClientException e) {
            throw failed("listing the documents", e);
        }
    }

    private NonNamespaceOperation<ConfigMap, ConfigMapList, Resource<ConfigMap>> maps() {
        return client.get().configMaps().inNamespace(namespace);
    }

    private static int bytes(Map<String, String> data) {
        int bytes = 0;
        for (Map.Entry<String, String> entry : data.entrySet()) {
            bytes += entry.getKey().length() + entry.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    private static long latest(ConfigMap map) {
        List<Long> versions = DocumentLayout.versions(map);
        return versions.isEmpty() ? 0 : versions.get(versions.size() - 1);
    }

    private static Optional<DocumentVersion> record(DocumentKey key, ConfigMap map, long number) {
        String data =
                map == null || map.getData() == null ? null : map.getData().get(DocumentLayout.versionKey(number));
        return StoreDocuments.version(key, number, data == null ? null : data.getBytes(StandardCharsets.UTF_8));
    }

    private static Instant created(ConfigMap map) {
        try {
            return map == null ? Instant.EPOCH : Instant.parse(map.getMetadata().getCreationTimestamp());
        } catch (DateTimeParseException | NullPointerException e) {
            return Instant.EPOCH;
        }
    }

    static StoreException failed(String what, KubernetesClientException e) {
        return new StoreException("The Kubernetes API server failed " + what + ": " + e.getMessage(), e);
    }
}

package io.courier.registry.etcd;

import io.courier.api.DynamicConfig;
import io.courier.api.ServiceKey;
import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.DocumentKey;
import io.courier.api.store.DocumentStore;
import io.courier.api.store.DocumentVersion;
import io.courier.api.store.InvalidDocumentException;
import io.courier.api.store.StoreException;
import io.courier.api.store.VersionConflictException;
import io.courier.core.store.StoreDocuments;
import io.courier.core.store.VersionRecords;
import io.courier.registry.etcd.internal.KeyWatch;
import io.courier.registry.etcd.internal.client.KeyLayout;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration documents in etcd, where the {@link EtcdRegistry} reads them:
 *
 * <pre>
 * &lt;root&gt;/_config/&lt;environment&gt;/applications/&lt;application&gt;            the document in force (YAML)
 * &lt;root&gt;/_config/&lt;environment&gt;/services/&lt;serviceKey&gt;                 the document in force (YAML)
 * &lt;document&gt;/_versions/&lt;0000000007&gt;                                 one kept version (JSON, format 1)
 * &lt;root&gt;/_config/&lt;environment&gt;/declarations/&lt;application&gt;        the application's key declarations
 * </pre>
 *
 * A write is one etcd transaction: if the document's mod revision is still the one the latest version
 * was read at and the new version's key does not exist, put both; else another writer won. A read of
 * the document in force reads its versions at the revision the document was read at, so it never sees
 * one without the other. etcd keeps no modification time: a document written by hand (no version
 * record) is version 0 stamped {@link Instant#EPOCH}.
 */
final class EtcdDocuments implements DocumentStore {

    private static final Logger log = LoggerFactory.getLogger(EtcdDocuments.class);

    private final EtcdStore store;
    private final KeyLayout layout;
    private final Set<KeyWatch> watches = ConcurrentHashMap.newKeySet();

    EtcdDocuments(EtcdStore store, KeyLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    private String key(DocumentKey key) {
        return key.kind() == DocumentKey.Kind.APPLICATION
                ? layout.applicationConfig(key.environment(), key.name())
                : layout.serviceConfig(key.environment(), ServiceKey.parse(key.name()));
    }

    /** The document's key-value and the numbers of its kept versions, read at one revision. */
    private record Snapshot(KeyValue document, long revision, List<Long> versions) {
        long latest() {
            return versions.isEmpty() ? 0 : versions.get(versions.size() - 1);
        }
    }

    private Snapshot snapshot(DocumentKey key) {
        String path = key(key);
        GetResponse response = store.call(key, store.client().getKVClient().get(EtcdStore.bytes(path)));
        long revision = response.getHeader().getRevision();
        KeyValue document =
                response.getKvs().isEmpty() ? null : response.getKvs().get(0);
        return new Snapshot(document, revision, numbers(key, revision));
    }

    private List<Long> numbers(DocumentKey key, long revision) {
        String prefix = KeyLayout.versions(key(key));
        List<String> names = new ArrayList<>();
        for (KeyValue kv : store.range(key, prefix, true, revision).getKvs()) {
            names.add(EtcdStore.key(kv).substring(prefix.length()));
        }
        return StoreDocuments.versionNumbers(names);
    }

    @Override
    public Optional<DocumentVersion> current(DocumentKey key) {
        Objects.requireNonNull(key, "key");
        Snapshot snapshot = snapshot(key);
        if (snapshot.document() == null) {
            return Optional.empty();
        }
        if (snapshot.latest() == 0) {
            return StoreDocuments.unversioned(
                    snapshot.document().getValue().toString(StandardCharsets.UTF_8), Instant.EPOCH);
        }
        return read(key, snapshot.latest(), snapshot.revision());
    }

    @Override
    public Optional<DocumentVersion> version(DocumentKey key, long number) {
        Objects.requireNonNull(key, "key");
        StoreDocuments.checkVersion(number);
        return read(key, number, 0);
    }

    private Optional<DocumentVersion> read(DocumentKey key, long number, long revision) {
        return StoreDocuments.version(
                key, number, store.value(key, KeyLayout.versions(key(key)) + VersionRecords.name(number), revision));
    }

    @Override
    public List<Long> versions(DocumentKey key) {
        return numbers(Objects.requireNonNull(key, "key"), 0);
    }

    @Override
    public void write(DocumentKey key, DocumentVersion version, int keep) {
        Objects.requireNonNull(key, "key");
        StoreDocuments.checkWrite(version, keep);
        Snapshot snapshot = snapshot(key);
        long previous = version.number() - 1;
        if (snapshot.latest() != previous) {
            throw new VersionConflictException(key, previous, snapshot.latest());
        }
        ByteSequence document = EtcdStore.bytes(key(key));
        ByteSequence record = EtcdStore.bytes(KeyLayout.versions(key(key)) + VersionRecords.name(version.number()));
        long modRevision = snapshot.document() == null ? 0 : snapshot.document().getModRevision();
        TxnResponse response = store.call(
                key,
                store.client()
                        .getKVClient()
                        .txn()
                        .If(
                                new Cmp(document, Cmp.Op.EQUAL, CmpTarget.modRevision(modRevision)),
                                new Cmp(record, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                        .Then(
                                Op.put(
                                        document,
                                        ByteSequence.from(version.text(), StandardCharsets.UTF_8),
                                        PutOption.DEFAULT),
                                Op.put(record, ByteSequence.from(VersionRecords.encode(version)), PutOption.DEFAULT))
                        .commit());
        if (!response.isSucceeded()) {
            throw new VersionConflictException(key, previous, snapshot(key).latest());
        }
        trim(key, keep);
    }

    /** Drops the oldest versions beyond {@code keep}; a failure leaves them for the next write. */
    private void trim(DocumentKey key, int keep) {
        List<Long> numbers = versions(key);
        for (int i = 0; i < numbers.size() - keep; i++) {
            String record = KeyLayout.versions(key(key)) + VersionRecords.name(numbers.get(i));
            try {
                store.call(key, store.client().getKVClient().delete(EtcdStore.bytes(record), DeleteOption.DEFAULT));
            } catch (StoreException e) {
                log.debug("Dropping {} failed; the next write retries", record, e);
            }
        }
    }

    @Override
    public List<String> environments() {
        Set<String> names = new TreeSet<>();
        String prefix = layout.configRoot();
        for (KeyValue kv : store.range("the environments", prefix, true, 0).getKvs()) {
            String name = KeyLayout.segment(EtcdStore.key(kv), prefix, false);
            if (name != null && RegistryOptions.isEnvironmentName(name)) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    @Override
    public List<DocumentKey> documents(String environment) {
        Objects.requireNonNull(environment, "environment");
        List<DocumentKey> keys = new ArrayList<>();
        add(keys, environment, DocumentKey.Kind.APPLICATION, layout.applicationConfigs(environment));
        add(keys, environment, DocumentKey.Kind.SERVICE, layout.serviceConfigs(environment));
        return keys;
    }

    private void add(List<DocumentKey> keys, String environment, DocumentKey.Kind kind, String prefix) {
        Set<String> names = new TreeSet<>();
        for (KeyValue kv : store.range(environment, prefix, true, 0).getKvs()) {
            String name = KeyLayout.segment(EtcdStore.key(kv), prefix, true);
            if (name != null) {
                names.add(name);
            }
        }
        for (String name : names) {
            StoreDocuments.addDocument(keys, environment, kind, name);
        }
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
    public void publishDeclarations(DocumentKey key, String declarations) {
        StoreDocuments.checkDeclarations(key, declarations);
        store.call(
                key,
                store.client()
                        .getKVClient()
                        .put(
                                EtcdStore.bytes(layout.declarations(key.environment(), key.name())),
                                EtcdStore.bytes(declarations)));
    }

    @Override
    public Optional<String> declarations(DocumentKey key) {
        Objects.requireNonNull(key, "key");
        return StoreDocuments.declarations(store.value(key, layout.declarations(key.environment(), key.name()), 0));
    }

    @Override
    public AutoCloseable watch(DocumentKey key, Consumer<String> listener) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(listener, "listener");
        KeyWatch watch = new KeyWatch(
                store.client(),
                key(key),
                key,
                store.deliveries(),
                data -> listener.accept(data == null ? "" : new String(data, StandardCharsets.UTF_8)));
        watches.add(watch);
        watch.start();
        return () -> {
            watches.remove(watch);
            watch.close();
        };
    }

    void closeWatches() {
        List.copyOf(watches).forEach(KeyWatch::close);
        watches.clear();
    }
}

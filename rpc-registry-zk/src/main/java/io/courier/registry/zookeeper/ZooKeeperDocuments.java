package io.courier.registry.zookeeper;

import io.courier.api.DynamicConfig;
import io.courier.api.ServiceKey;
import io.courier.api.store.DocumentKey;
import io.courier.api.store.DocumentStore;
import io.courier.api.store.DocumentVersion;
import io.courier.api.store.InvalidDocumentException;
import io.courier.api.store.StoreException;
import io.courier.api.store.VersionConflictException;
import io.courier.core.concurrent.SerialExecutor;
import io.courier.core.store.StoreDocuments;
import io.courier.core.store.VersionRecords;
import io.courier.registry.zookeeper.internal.Layout;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration documents in ZooKeeper, where the registry's {@code LayeredConfigWatch} reads
 * them:
 *
 * <pre>
 * &lt;root&gt;/_config/&lt;environment&gt;/applications/&lt;application&gt;            data: the document in force (YAML)
 * &lt;root&gt;/_config/&lt;environment&gt;/services/&lt;serviceKey&gt;                 data: the document in force (YAML)
 * &lt;root&gt;/_config/&lt;environment&gt;/.../&lt;document&gt;/_versions/&lt;0000000007&gt; data: one kept version ({@link VersionRecords})
 * &lt;root&gt;/_config/&lt;environment&gt;/declarations/&lt;application&gt;        data: the application's key declarations
 * </pre>
 *
 * A write is one ZooKeeper transaction: the document's data, conditional on the node's version, and
 * the creation of the new version's node, which fails if that version exists. Either condition
 * failing means another writer won.
 */
final class ZooKeeperDocuments implements DocumentStore {

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperDocuments.class);
    private static final String VERSIONS = "/_versions";

    private final ZooKeeperStore store;
    private final Layout layout;
    private final Set<DocumentWatch> watches = ConcurrentHashMap.newKeySet();

    ZooKeeperDocuments(ZooKeeperStore store, Layout layout) {
        this.store = store;
        this.layout = layout;
    }

    private String path(DocumentKey key) {
        return key.kind() == DocumentKey.Kind.APPLICATION
                ? layout.applicationConfig(key.environment(), key.name())
                : layout.serviceConfig(key.environment(), ServiceKey.parse(key.name()));
    }

    @Override
    public Optional<DocumentVersion> current(DocumentKey key) {
        String path = path(Objects.requireNonNull(key, "key"));
        Stat stat = new Stat();
        byte[] data = ZooKeeperStore.call(
                key,
                () -> ZooKeeperStore.orNull(
                        () -> store.client().getData().storingStatIn(stat).forPath(path)));
        if (data == null) {
            return Optional.empty();
        }
        long latest = latest(key);
        if (latest == 0) {
            return StoreDocuments.unversioned(
                    new String(data, StandardCharsets.UTF_8), Instant.ofEpochMilli(stat.getMtime()));
        }
        // the latest version is never the one a concurrent write drops
        return Optional.of(version(key, latest)
                .orElseThrow(() -> new StoreException("version " + latest + " of " + key + " vanished while reading")));
    }

    @Override
    public Optional<DocumentVersion> version(DocumentKey key, long number) {
        Objects.requireNonNull(key, "key");
        StoreDocuments.checkVersion(number);
        return StoreDocuments.version(
                key, number, store.data(key, path(key) + VERSIONS + "/" + VersionRecords.name(number)));
    }

    @Override
    public List<Long> versions(DocumentKey key) {
        return StoreDocuments.versionNumbers(store.children(path(Objects.requireNonNull(key, "key")) + VERSIONS));
    }

    @Override
    public void write(DocumentKey key, DocumentVersion version, int keep) {
        Objects.requireNonNull(key, "key");
        StoreDocuments.checkWrite(version, keep);
        String path = path(key);
        CuratorFramework client = store.client();
        Stat stat = ZooKeeperStore.call(key, () -> prepare(client, path));
        long previous = version.number() - 1;
        long latest = latest(key);
        if (latest != previous) {
            throw new VersionConflictException(key, previous, latest);
        }
        try {
            List<CuratorOp> ops = List.of(
                    client.transactionOp()
                            .setData()
                            .withVersion(stat.getVersion())
                            .forPath(path, version.text().getBytes(StandardCharsets.UTF_8)),
                    client.transactionOp()
                            .create()
                            .forPath(
                                    path + VERSIONS + "/" + VersionRecords.name(version.number()),
                                    VersionRecords.encode(version)));
            client.transaction().forOperations(ops);
        } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException e) {
            throw new VersionConflictException(key, previous, latest(key));
        } catch (Exception e) {
            throw ZooKeeperStore.failed(key, e);
        }
        trim(key, keep);
    }

    @Override
    public List<String> environments() {
        return store.children(layout.configRoot());
    }

    @Override
    public List<DocumentKey> documents(String environment) {
        Objects.requireNonNull(environment, "environment");
        List<DocumentKey> keys = new ArrayList<>();
        for (String name : store.children(layout.applicationConfigs(environment))) {
            StoreDocuments.addDocument(keys, environment, DocumentKey.Kind.APPLICATION, name);
        }
        for (String name : store.children(layout.serviceConfigs(environment))) {
            StoreDocuments.addDocument(keys, environment, DocumentKey.Kind.SERVICE, name);
        }
        return keys;
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
        String path = layout.declarations(key.environment(), key.name());
        byte[] data = declarations.getBytes(StandardCharsets.UTF_8);
        ZooKeeperStore.call(key, () -> {
            try {
                store.client().create().creatingParentsIfNeeded().forPath(path, data);
            } catch (KeeperException.NodeExistsException e) {
                store.client().setData().forPath(path, data); // an earlier start published; this one replaces it
            }
            return null;
        });
    }

    @Override
    public Optional<String> declarations(DocumentKey key) {
        Objects.requireNonNull(key, "key");
        return StoreDocuments.declarations(store.data(key, layout.declarations(key.environment(), key.name())));
    }

    @Override
    public AutoCloseable watch(DocumentKey key, Consumer<String> listener) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(listener, "listener");
        DocumentWatch watch = new DocumentWatch(
                store.client(), path(key), key, new SerialExecutor(store.deliveries()), listener, watches::remove);
        watches.add(watch);
        watch.start();
        return watch;
    }

    void closeWatches() {
        List.copyOf(watches).forEach(DocumentWatch::close);
    }

    /** Creates the document node (empty) and its versions folder when missing; the document's stat. */
    private static Stat prepare(CuratorFramework client, String path) throws Exception {
        try {
            client.create().creatingParentsIfNeeded().forPath(path + VERSIONS);
        } catch (KeeperException.NodeExistsException e) {
            // an earlier write made it
        }
        Stat stat = client.checkExists().forPath(path);
        if (stat == null) {
            throw new StoreException(path + " vanished while writing");
        }
        return stat;
    }

    private long latest(DocumentKey key) {
        List<Long> numbers = versions(key);
        return numbers.isEmpty() ? 0 : numbers.get(numbers.size() - 1);
    }

    /** Drops the oldest versions beyond {@code keep}; a failure leaves them for the next write. */
    private void trim(DocumentKey key, int keep) {
        List<Long> numbers = versions(key);
        for (int i = 0; i < numbers.size() - keep; i++) {
            String path = path(key) + VERSIONS + "/" + VersionRecords.name(numbers.get(i));
            try {
                store.client().delete().forPath(path);
            } catch (Exception e) {
                log.debug("Dropping {} failed; the next write retries", path, e);
            }
        }
    }
}

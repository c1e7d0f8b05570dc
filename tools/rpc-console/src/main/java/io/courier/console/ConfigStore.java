package io.courier.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courier.api.DynamicConfig;
import io.courier.api.ServiceKey;
import io.courier.registry.zookeeper.internal.ConfigParser;
import io.courier.registry.zookeeper.internal.DocumentException;
import io.courier.registry.zookeeper.internal.Layout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * A service's live configuration and its versions, in ZooKeeper:
 *
 * <pre>
 * &lt;root&gt;/&lt;serviceKey&gt;/config                       the document in force (watched by consumers)
 * &lt;root&gt;/&lt;serviceKey&gt;/config-history/r-&lt;10 digits&gt;  one per change, JSON:
 *     {"who": "alice", "when": 1700000000000, "what": "weight 10.0.0.1:20880 = 0", "document": "version: 1..."}
 * </pre>
 *
 * Every document is validated by the registry's own parser before it is written; the new document
 * and its history entry are written in one ZooKeeper transaction, conditional on the version of the
 * document the operator edited, so a change is never lost to a concurrent one and never recorded
 * without being made. The oldest entries beyond the configured limit are deleted.
 */
final class ConfigStore {

    static final String HISTORY = "config-history";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The document in force: its text, its node version (-1 if there is none) and what it means. */
    record Current(String text, int version, DynamicConfig config, String defect) {}

    /** One version in the history; {@code revision} grows with every change of the service. */
    record Revision(long revision, String who, long when, String what, String document) {}

    /** The document changed since the operator read it. */
    static final class ConflictException extends Exception {
        private static final long serialVersionUID = 1L;

        ConflictException(String message) {
            super(message);
        }
    }

    private final CuratorFramework zookeeper;
    private final Layout layout;
    private final int historyLimit;

    ConfigStore(CuratorFramework zookeeper, Layout layout, int historyLimit) {
        this.zookeeper = zookeeper;
        this.layout = layout;
        this.historyLimit = historyLimit;
    }

    Current current(ServiceKey key) throws Exception {
        Stat stat = new Stat();
        byte[] data;
        try {
            data = zookeeper.getData().storingStatIn(stat).forPath(layout.config(key));
        } catch (KeeperException.NoNodeException e) {
            return new Current("", -1, DynamicConfig.EMPTY, null);
        }
        String text = data == null ? "" : new String(data, StandardCharsets.UTF_8);
        try {
            return new Current(text, stat.getVersion(), ConfigParser.parse(data), null);
        } catch (DocumentException e) {
            // consumers keep the last good document; the console shows the defect
            return new Current(text, stat.getVersion(), DynamicConfig.EMPTY, e.getMessage());
        }
    }

    /** @throws DocumentException naming the first defect of {@code text} */
    static DynamicConfig validate(String text) throws DocumentException {
        if (text.length() > 256 * 1024) {
            throw new DocumentException(
                    "config: " + text.length() + " characters (expected: at most " + 256 * 1024 + ")");
        }
        return ConfigParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Validates and writes {@code text} if the document is still at {@code expectedVersion} (-1: there
     * is none), recording who changed it and what.
     *
     * @throws DocumentException naming the first defect of {@code text}; nothing is written
     * @throws ConflictException if the document is no longer at {@code expectedVersion}
     *
     * @return the new revision
     */
    Revision write(ServiceKey key, String text, int expectedVersion, String who, String what) throws Exception {
        validate(text);
        String history = layout.service(key) + "/" + HISTORY;
        try {
            zookeeper.create().creatingParentsIfNeeded().forPath(history);
        } catch (KeeperException.NodeExistsException e) {
            // made by an earlier change
        }
        List<CuratorOp> operations = new ArrayList<>(3);
        // A document written by someone else (zkCli, another tool) is recorded first, so that the
        // history can always go back to what was in force before the console's change.
        Current before = current(key);
        if (before.version() != expectedVersion) {
            throw conflict(key, expectedVersion);
        }
        List<Revision> kept = history(key);
        if (kept.isEmpty() || !kept.get(0).document().equals(before.text())) {
            operations.add(record(history, "registry", "as found before the next change", before.text()));
        }
        byte[] document = text.getBytes(StandardCharsets.UTF_8);
        operations.add(
                expectedVersion < 0
                        ? zookeeper.transactionOp().create().forPath(layout.config(key), document)
                        : zookeeper
                                .transactionOp()
                                .setData()
                                .withVersion(expectedVersion)
                                .forPath(layout.config(key), document));
        operations.add(record(history, who, what, text));
        List<CuratorTransactionResult> results;
        try {
            results = zookeeper.transaction().forOperations(operations);
        } catch (KeeperException.BadVersionException
                | KeeperException.NodeExistsException
                | KeeperException.NoNodeException e) {
            throw conflict(key, expectedVersion);
        }
        trim(history);
        Revision written = read(results.get(results.size() - 1).getResultPath()).orElseThrow();
        return written;
    }

    private CuratorOp record(String history, String who, String what, String text) throws Exception {
        ObjectNode entry = JSON.createObjectNode()
                .put("who", who)
                .put("when", System.currentTimeMillis())
                .put("what", what)
                .put("document", text);
        return zookeeper
                .transactionOp()
                .create()
                .withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                .forPath(history + "/r-", JSON.writeValueAsBytes(entry));
    }

    private static ConflictException conflict(ServiceKey key, int expectedVersion) {
        return new ConflictException("the configuration of " + key
                + " changed since it was read (expected node version " + expectedVersion + "); reload and edit again");
    }

    /** The versions kept, newest first. */
    List<Revision> history(ServiceKey key) throws Exception {
        String history = layout.service(key) + "/" + HISTORY;
        List<String> names;
        try {
            names = new ArrayList<>(zookeeper.getChildren().forPath(history));
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
        names.sort(java.util.Comparator.reverseOrder());
        List<Revision> revisions = new ArrayList<>(names.size());
        for (String name : names) {
            read(history + "/" + name).ifPresent(revisions::add);
        }
        return revisions;
    }

    Optional<Revision> revision(ServiceKey key, long revision) throws Exception {
        if (revision < 0 || revision > 9_999_999_999L) {
            return Optional.empty();
        }
        return read(layout.service(key) + "/" + HISTORY + "/r-" + String.format("%010d", revision));
    }

    private Optional<Revision> read(String path) throws Exception {
        try {
            JsonNode entry = JSON.readTree(zookeeper.getData().forPath(path));
            return Optional.of(new Revision(
                    sequence(path),
                    entry.path("who").asText(""),
                    entry.path("when").asLong(),
                    entry.path("what").asText(""),
                    entry.path("document").asText("")));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        }
    }

    private void trim(String history) throws Exception {
        List<String> names = new ArrayList<>(zookeeper.getChildren().forPath(history));
        names.sort(null);
        for (int i = 0; i < names.size() - historyLimit; i++) {
            try {
                zookeeper.delete().forPath(history + "/" + names.get(i));
            } catch (KeeperException.NoNodeException e) {
                // trimmed by a concurrent change
            }
        }
    }

    private static long sequence(String path) {
        return Long.parseLong(path.substring(path.lastIndexOf("r-") + 2));
    }
}

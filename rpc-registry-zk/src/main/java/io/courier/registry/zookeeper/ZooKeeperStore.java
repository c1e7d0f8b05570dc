package io.courier.registry.zookeeper;

import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.ClientStore;
import io.courier.api.store.RegistryStore;
import io.courier.api.store.StoreException;
import io.courier.registry.zookeeper.internal.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * A {@link RegistryStore} on one ZooKeeper client of its own, with the registry's connection settings
 * (digest ACLs included, so what it creates is readable by the applications). Its documents and
 * catalog share the client; watch deliveries run on one daemon thread.
 */
final class ZooKeeperStore extends ClientStore<CuratorFramework> {

    private final ExecutorService deliveries;

    private ZooKeeperStore(CuratorFramework client, ExecutorService deliveries, RegistryOptions options) {
        super(client, deliveries);
        this.deliveries = deliveries;
        Layout layout = new Layout(options.root());
        ZooKeeperDocuments documents = new ZooKeeperDocuments(this, layout);
        parts(documents, new ZooKeeperCatalog(this, layout), documents::closeWatches);
    }

    /**
     * Connects to {@code connectString}, waiting up to the options' connection timeout.
     *
     * @throws StoreException if the ensemble cannot be reached in time
     */
    static ZooKeeperStore connect(RegistryOptions options, String connectString) {
        CuratorFramework client = CuratorClients.build(options, connectString);
        client.start();
        try {
            if (!client.blockUntilConnected((int) options.connectionTimeoutMillis(), TimeUnit.MILLISECONDS)) {
                client.close();
                throw new StoreException("ZooKeeper at " + connectString + " not reachable within "
                        + options.connectionTimeoutMillis() + " ms");
            }
        } catch (InterruptedException e) {
            client.close();
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while connecting to ZooKeeper at " + connectString, e);
        }
        return new ZooKeeperStore(
                client, Executors.newSingleThreadExecutor(new RegistryThreads("courier-store-watch")), options);
    }

    /** The client, once the store is checked to be open. */
    CuratorFramework client() {
        return openClient();
    }

    ExecutorService deliveries() {
        return deliveries;
    }

    /** A ZooKeeper operation; may throw anything Curator throws. */
    interface ZkCall<T> {
        T call() throws Exception;
    }

    /** {@code call}'s value, or null if a node it reads does not exist. */
    static <T> T orNull(ZkCall<T> call) throws Exception {
        try {
            return call.call();
        } catch (KeeperException.NoNodeException e) {
            return null;
        }
    }

    /** {@code call}'s value; any checked failure becomes a {@link StoreException} naming {@code what}. */
    static <T> T call(Object what, ZkCall<T> call) {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw failed(what, e);
        }
    }

    static StoreException failed(Object what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new StoreException("ZooKeeper operation for " + what + " failed: " + e, e);
    }

    /** The decoded names of {@code path}'s children, sorted; empty if it does not exist. */
    List<String> children(String path) {
        List<String> names = rawChildren(path, path);
        List<String> decoded = new ArrayList<>(names.size());
        for (String name : names) {
            try {
                decoded.add(Layout.nodeName(path + "/" + name));
            } catch (IllegalArgumentException e) {
                // not a name Courier writes
            }
        }
        decoded.sort(null);
        return decoded;
    }

    /** The node names of {@code path}'s children as stored (encoded), unsorted; empty if it does not exist. */
    List<String> rawChildren(Object what, String path) {
        List<String> names =
                call(what, () -> orNull(() -> client().getChildren().forPath(path)));
        return names == null ? List.of() : names;
    }

    /** The data of {@code path}, or null if it does not exist. */
    byte[] data(Object what, String path) {
        return call(what, () -> orNull(() -> client().getData().forPath(path)));
    }
}

package io.courier.registry.zookeeper;

import io.courier.api.ServiceInstance;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryHarness;
import io.courier.api.registry.RegistryOptions;
import io.courier.core.document.InstanceCodec;
import io.courier.registry.zookeeper.internal.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;

/**
 * The registry contracts' hook for ZooKeeper: clients of one running server (2 s sessions, 200 ms
 * ticks), a crash that partitions a client from the server (its session expires on the server, as
 * after {@code kill -9}), and raw provider nodes written in transactions by a Curator client.
 */
final class ZooKeeperContractHarness implements RegistryHarness, AutoCloseable {

    private final String name;
    private final String connectString;
    private final Function<RegistryOptions, Registry> opener;
    private final Map<Registry, PartitionProxy> proxies = new IdentityHashMap<>();

    /**
     * @param connectString the server's {@code host:port}
     * @param opener how applications get a registry on it ({@code zookeeper} or {@code embedded})
     */
    ZooKeeperContractHarness(String name, String connectString, Function<RegistryOptions, Registry> opener) {
        this.name = name;
        this.connectString = connectString;
        this.opener = opener;
    }

    /** The {@code zookeeper} extension on the server at {@code connectString}. */
    static ZooKeeperContractHarness zookeeper(String connectString) {
        return new ZooKeeperContractHarness("zookeeper", connectString, ZooKeeperTesting::registry);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RegistryOptions.Builder options(String root) {
        return ZooKeeperTesting.options(connectString).root(root);
    }

    @Override
    public Registry open(RegistryOptions options) {
        return opener.apply(options);
    }

    @Override
    public synchronized Registry crashable(RegistryOptions options) {
        try {
            int port = Integer.parseInt(connectString.substring(connectString.lastIndexOf(':') + 1));
            PartitionProxy proxy = new PartitionProxy(port);
            Registry registry = ZooKeeperTesting.registry(ZooKeeperTesting.options(proxy.connectString())
                    .root(options.root())
                    .sessionTimeoutMillis(options.sessionTimeoutMillis())
                    .emptyProtection(options.emptyProtection())
                    .build());
            proxies.put(registry, proxy);
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void crash(Registry registry) {
        proxies.get(registry).partition();
    }

    @Override
    public RawRegistrations raw(String root) {
        try {
            return new RawNodes(ZooKeeperTesting.inspector(connectString), new Layout(root));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        proxies.values().forEach(PartitionProxy::close);
        proxies.clear();
    }

    /** Persistent provider nodes, as a dead rack's would linger. */
    private record RawNodes(CuratorFramework client, Layout layout) implements RawRegistrations {

        @Override
        public void put(List<ServiceInstance> instances) {
            step(instances, instance -> {
                createParent(instance);
                return client.transactionOp()
                        .create()
                        .withMode(CreateMode.PERSISTENT)
                        .forPath(
                                layout.provider(instance.serviceKey(), instance.endpoint()),
                                InstanceCodec.encode(instance));
            });
        }

        @Override
        public List<Long> delete(List<ServiceInstance> instances) {
            return step(instances, instance -> client.transactionOp()
                    .delete()
                    .forPath(layout.provider(instance.serviceKey(), instance.endpoint())));
        }

        private void createParent(ServiceInstance instance) throws Exception {
            String providers = layout.providers(instance.serviceKey());
            if (client.checkExists().forPath(providers) == null) {
                try {
                    client.create().creatingParentContainersIfNeeded().forPath(providers);
                } catch (KeeperException.NodeExistsException e) {
                    // a registrar created it first
                }
            }
        }

        private List<Long> step(List<ServiceInstance> instances, Operation operation) {
            List<Long> millis = new ArrayList<>();
            try {
                for (int first = 0; first < instances.size(); first += STEP) {
                    List<CuratorOp> ops = new ArrayList<>();
                    for (ServiceInstance instance :
                            instances.subList(first, Math.min(instances.size(), first + STEP))) {
                        ops.add(operation.apply(instance));
                    }
                    long start = System.nanoTime();
                    client.transaction().forOperations(ops);
                    millis.add((System.nanoTime() - start) / 1_000_000);
                }
            } catch (Exception e) {
                throw new IllegalStateException("Raw write to ZooKeeper failed", e);
            }
            return millis;
        }

        @Override
        public void close() {
            client.close();
        }
    }

    @FunctionalInterface
    private interface Operation {
        CuratorOp apply(ServiceInstance instance) throws Exception;
    }
}

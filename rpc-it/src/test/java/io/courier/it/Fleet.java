package io.courier.it;

import static org.awaitility.Awaitility.await;

import io.courier.api.ReferenceOptions;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryFactory;
import io.courier.api.registry.RegistryOptions;
import io.courier.bootstrap.Courier;
import io.courier.spi.ExtensionLoader;
import io.courier.testkit.SilentProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One scenario's world: a registry (a ZooKeeper by default, or an etcd: {@link RegistryKind}), provider processes, consumers in this JVM, a directory for
 * ledgers and logs, and the request ids. {@link #close()} stops everything, killing providers that
 * still run; tests call it from {@code @AfterEach}, so it runs even when an assertion failed.
 */
final class Fleet implements AutoCloseable {

    /** Registry sessions of providers and consumers: long enough not to expire on a busy machine. */
    static final int SESSION_TIMEOUT_MILLIS = 4_000;

    static final int SHUTDOWN_TIMEOUT_MILLIS = 5_000;
    static final int UNREGISTER_WAIT_MILLIS = 2_000;

    private final Path directory;
    private final ZooKeeperHarness zooKeeper;
    private final EtcdCluster etcd;
    private final String registryAddress;
    private final AtomicLong ids = new AtomicLong();
    private final List<ProviderProcess> providers = new ArrayList<>();
    private final Map<String, Path> ledgers = new LinkedHashMap<>();
    private final List<Courier> consumers = new ArrayList<>();
    private final List<Load> loads = new ArrayList<>();
    private final List<Registry> watchers = new ArrayList<>();

    /** One of {@code zooKeeper} and {@code etcd} is null. */
    private Fleet(Path directory, ZooKeeperHarness zooKeeper, EtcdCluster etcd) {
        this.directory = directory;
        this.zooKeeper = zooKeeper;
        this.etcd = etcd;
        this.registryAddress = zooKeeper != null ? zooKeeper.address() : etcd.address();
    }

    /** A fresh world for {@code scenario}, with its ZooKeeper running. */
    static Fleet start(String scenario) {
        return start(scenario, RegistryKind.ZOOKEEPER);
    }

    /** A fresh world for {@code scenario}, with its registry running. */
    static Fleet start(String scenario, RegistryKind registry) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss-SSS"));
        Path directory = Path.of(System.getProperty("it.logs", "target/it-logs"), scenario + "-" + stamp);
        try {
            Files.createDirectories(directory.resolve("zookeeper"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (registry == RegistryKind.ETCD) {
            return new Fleet(directory, null, EtcdCluster.start(directory.resolve("etcd"), 1));
        }
        return new Fleet(directory, ZooKeeperHarness.start(directory.resolve("zookeeper")), null);
    }

    /** The fleet's ZooKeeper; only for a fleet on {@link RegistryKind#ZOOKEEPER}. */
    ZooKeeperHarness zooKeeper() {
        if (zooKeeper == null) {
            throw new IllegalStateException("This fleet runs on etcd, not ZooKeeper");
        }
        return zooKeeper;
    }

    /** {@code courier.registry.address} of every application of the fleet. */
    String registryAddress() {
        return registryAddress;
    }

    /** The registry's client port on 127.0.0.1, for a proxy in front of it. */
    int registryPort() {
        return Integer.parseInt(registryAddress.substring(registryAddress.lastIndexOf(':') + 1));
    }

    /** The fleet's registry address with its server at {@code port} of 127.0.0.1 instead (a proxy). */
    String registryAddressAt(int port) {
        return registryAddress.substring(0, registryAddress.indexOf("://") + 3) + "127.0.0.1:" + port;
    }

    /**
     * A registry client of this JVM, as the consumer's own, for watching provider lists; closed by
     * {@link #close()}.
     */
    Registry watcher() {
        RegistryOptions options = RegistryOptions.builder(registryAddress)
                .sessionTimeoutMillis(SESSION_TIMEOUT_MILLIS)
                .connectionTimeoutMillis(2_000)
                .build();
        Registry watcher =
                ExtensionLoader.of(RegistryFactory.class).get(options.scheme()).create(options);
        synchronized (this) {
            watchers.add(watcher);
        }
        return watcher;
    }

    /** The request ids of every load of this scenario. */
    AtomicLong ids() {
        return ids;
    }

    /** The configuration every provider starts with. */
    Map<String, String> providerProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("courier.registry.address", registryAddress);
        properties.put("courier.registry.session-timeout-millis", Integer.toString(SESSION_TIMEOUT_MILLIS));
        properties.put("courier.registry.connection-timeout-millis", "2000");
        properties.put("courier.server.host", "127.0.0.1");
        properties.put("courier.server.port", "0");
        properties.put("courier.server.io-threads", "1");
        properties.put("courier.client.io-threads", "1");
        properties.put("courier.server.threads", "32");
        properties.put("courier.transport.heartbeat-interval-millis", "1000");
        properties.put("courier.shutdown.timeout-millis", Integer.toString(SHUTDOWN_TIMEOUT_MILLIS));
        properties.put("courier.shutdown.unregister-wait-millis", Integer.toString(UNREGISTER_WAIT_MILLIS));
        return properties;
    }

    /** Starts providers {@code names} in parallel with the default configuration. */
    List<ProviderProcess> startProviders(String... names) {
        return startProviders(Map.of(), names);
    }

    /** Starts providers {@code names} in parallel, with {@code overrides} on top of the default configuration. */
    List<ProviderProcess> startProviders(Map<String, String> overrides, String... names) {
        List<CompletableFuture<ProviderProcess>> starting = new ArrayList<>();
        for (String name : names) {
            starting.add(CompletableFuture.supplyAsync(() -> startProvider(name, overrides)));
        }
        List<ProviderProcess> started = new ArrayList<>();
        for (CompletableFuture<ProviderProcess> future : starting) {
            started.add(future.join());
        }
        return started;
    }

    /** Starts provider {@code name}, with {@code overrides} on top of the default configuration. */
    ProviderProcess startProvider(String name, Map<String, String> overrides) {
        Map<String, String> properties = providerProperties();
        properties.putAll(overrides);
        synchronized (this) {
            ledgers.put(name, directory.resolve(name + ".ledger"));
        }
        ProviderProcess provider = ProviderProcess.start(name, directory, properties);
        synchronized (this) {
            providers.add(provider);
        }
        return provider;
    }

    /**
     * Starts provider {@code name} behind {@code path}: it advertises the proxy's port, so consumers
     * reach it only through the proxy, which then forwards to the port it bound.
     */
    ProviderProcess startBehind(SilentProxy path, String name, Map<String, String> overrides) {
        Map<String, String> properties = new LinkedHashMap<>(overrides);
        properties.put("courier.server.advertised-port", Integer.toString(path.port()));
        ProviderProcess provider = startProvider(name, properties);
        path.forwardTo(provider.endpoint().port());
        return provider;
    }

    /** A consumer application in this JVM, following the registry. */
    Courier consumer(Map<String, String> overrides) {
        var builder = Courier.builder()
                .application("it-consumer")
                .registry(registryAddress)
                .shutdownHook(false)
                .property("courier.registry.session-timeout-millis", Integer.toString(SESSION_TIMEOUT_MILLIS))
                .property("courier.registry.connection-timeout-millis", "2000")
                .property("courier.client.io-threads", "2")
                .property("courier.transport.heartbeat-interval-millis", "1000")
                .property("courier.shutdown.timeout-millis", Integer.toString(SHUTDOWN_TIMEOUT_MILLIS));
        overrides.forEach(builder::property);
        Courier consumer = builder.start();
        synchronized (this) {
            consumers.add(consumer);
        }
        return consumer;
    }

    /** The reference options of the suite: the recording balancer, a 3 s timeout. */
    static ReferenceOptions.Builder referenceOptions() {
        return ReferenceOptions.builder().loadBalancer("recording").timeoutMillis(3_000);
    }

    /** Waits until calls through {@code service} have reached every one of {@code providers}. */
    void awaitServing(LedgerService service, List<ProviderProcess> providers) {
        Set<String> seen = new HashSet<>();
        Set<String> wanted = new HashSet<>();
        providers.forEach(provider -> wanted.add(provider.name()));
        await("consumer reaches " + wanted)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    try {
                        seen.add(service.read(ids.incrementAndGet(), 0));
                    } catch (RuntimeException e) {
                        // not every provider is known yet
                    }
                    return seen.containsAll(wanted);
                });
    }

    /** A load with this scenario's ids, stopped by {@link #close()} if the test does not stop it. */
    synchronized Load load(Duration limit) {
        Load load = Load.of(ids, limit);
        loads.add(load);
        return load;
    }

    /** The ledger files of every provider started so far, dead or alive. */
    synchronized List<Path> ledgerFiles() {
        return List.copyOf(ledgers.values());
    }

    /** The ledgers of every provider started so far, dead or alive. */
    synchronized Ledgers ledgers() {
        return Ledgers.read(Map.copyOf(ledgers));
    }

    Path directory() {
        return directory;
    }

    @Override
    public void close() {
        List<AutoCloseable> toClose = new ArrayList<>();
        synchronized (this) {
            toClose.addAll(loads);
            toClose.addAll(consumers);
            toClose.addAll(providers);
            toClose.addAll(watchers);
        }
        RuntimeException failure = null;
        for (AutoCloseable resource : toClose) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the fleet failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (zooKeeper != null) {
            zooKeeper.close();
        } else {
            etcd.close();
        }
        if (failure != null) {
            throw failure;
        }
    }
}

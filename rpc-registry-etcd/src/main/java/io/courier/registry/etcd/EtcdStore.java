package io.courier.registry.etcd;

import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.ClientStore;
import io.courier.api.store.RegistryStore;
import io.courier.api.store.StoreException;
import io.courier.registry.etcd.internal.client.KeyLayout;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link RegistryStore} on one jetcd client of its own. Every operation waits at most the options'
 * connection timeout for etcd's answer; watch deliveries run on one daemon thread.
 */
final class EtcdStore extends ClientStore<Client> {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String address;
    private final long timeoutMillis;
    private final ScheduledExecutorService deliveries;

    private EtcdStore(Client client, ScheduledExecutorService deliveries, RegistryOptions options) {
        super(client, deliveries);
        this.address = options.address();
        this.timeoutMillis = options.connectionTimeoutMillis();
        this.deliveries = deliveries;
        KeyLayout layout = new KeyLayout(options.root());
        EtcdDocuments documents = new EtcdDocuments(this, layout);
        parts(documents, new EtcdCatalog(this, layout), documents::closeWatches);
    }

    private static ScheduledExecutorService deliveryThread() {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "courier-etcd-store-" + INSTANCES.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Connects to {@code endpoints} and reads once, waiting up to the options' connection timeout.
     *
     * @throws StoreException if etcd cannot be reached in time
     */
    static EtcdStore connect(RegistryOptions options, List<String> endpoints) {
        Client client = EtcdClients.build(options, endpoints);
        EtcdStore store = new EtcdStore(client, deliveryThread(), options);
        try {
            client.getKVClient()
                    .get(bytes("/"), GetOption.builder().withCountOnly(true).build())
                    .get(options.connectionTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            store.close();
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while connecting to etcd at " + options.address(), e);
        } catch (ExecutionException | TimeoutException e) {
            store.close();
            throw new StoreException(
                    "etcd at " + options.address() + " not reachable within " + options.connectionTimeoutMillis()
                            + " ms",
                    e);
        }
        return store;
    }

    /** The client, once the store is checked to be open. */
    Client client() {
        return openClient();
    }

    ScheduledExecutorService deliveries() {
        return deliveries;
    }

    /** {@code operation}'s result within the timeout; a failure becomes a {@link StoreException} naming {@code what}. */
    <T> T call(Object what, CompletableFuture<T> operation) {
        try {
            return operation.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            operation.cancel(true);
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted during the etcd operation for " + what, e);
        } catch (ExecutionException e) {
            throw new StoreException("etcd operation for " + what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            operation.cancel(true);
            throw new StoreException(
                    "etcd operation for " + what + " not answered within " + timeoutMillis + " ms by " + address, e);
        }
    }

    /** The keys (and values unless {@code keysOnly}) under {@code prefix}, at {@code revision} (0: the latest). */
    GetResponse range(Object what, String prefix, boolean keysOnly, long revision) {
        GetOption option = GetOption.builder()
                .isPrefix(true)
                .withKeysOnly(keysOnly)
                .withRevision(revision)
                .build();
        return call(what, client().getKVClient().get(bytes(prefix), option));
    }

    /** The value of {@code key} at {@code revision} (0: the latest), or null if it does not exist. */
    byte[] value(Object what, String key, long revision) {
        GetResponse response = call(
                what,
                client().getKVClient()
                        .get(
                                bytes(key),
                                GetOption.builder().withRevision(revision).build()));
        return response.getKvs().isEmpty()
                ? null
                : response.getKvs().get(0).getValue().getBytes();
    }

    static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    static String key(KeyValue kv) {
        return kv.getKey().toString(StandardCharsets.UTF_8);
    }
}

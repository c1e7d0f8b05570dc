package io.courier.registry.etcd.internal;

import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import io.courier.registry.etcd.internal.client.Backoff;
import io.courier.registry.etcd.internal.client.KeyLayout;
import io.courier.registry.etcd.internal.client.QuietTasks;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service metadata documents, as in the ZooKeeper registry: keys {@code
 * <root>/<serviceKey>/metadata/<digest>} under no lease (they outlive their publishers), written once
 * by a transaction that puts the key only if it does not exist (the first publisher of a digest writes
 * it, later ones find it there), and read on demand. Content-addressed, so a key is never rewritten;
 * old digests stay until an operator deletes them. Thread-safe.
 */
public final class MetadataKeys {

    private static final Logger log = LoggerFactory.getLogger(MetadataKeys.class);

    private final Client client;
    private final KeyLayout layout;
    private final QuietTasks tasks;
    private final long timeoutMillis;

    /** @param executor where the background writes retry; shut down by the caller */
    public MetadataKeys(Client client, KeyLayout layout, ScheduledExecutorService executor, long timeoutMillis) {
        this.client = client;
        this.layout = layout;
        this.tasks = new QuietTasks(executor);
        this.timeoutMillis = timeoutMillis;
    }

    /** Writes the document in the background unless its key exists, retrying with backoff until it is done. */
    public void publish(ServiceKey serviceKey, String digest, byte[] document) {
        ByteSequence key = bytes(layout.metadata(serviceKey) + KeyLayout.encode(digest));
        ByteSequence value = ByteSequence.from(document.clone());
        tasks.run(() -> attempt(serviceKey, key, value, new Backoff()));
    }

    private void attempt(ServiceKey serviceKey, ByteSequence key, ByteSequence value, Backoff backoff) {
        client.getKVClient()
                .txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(key, value, PutOption.DEFAULT))
                .commit()
                .whenComplete((response, error) -> {
                    if (error == null) {
                        log.debug("Published the metadata of {} (new: {})", serviceKey, response.isSucceeded());
                        return;
                    }
                    long delay = backoff.nextMillis();
                    log.warn("Publishing the metadata of {} failed ({}); retrying in {} ms", serviceKey, error, delay);
                    tasks.schedule(() -> attempt(serviceKey, key, value, backoff), delay);
                });
    }

    /** The documents of {@code serviceKey} by digest, in one range read; documents over the cap are skipped. */
    public Map<String, byte[]> read(ServiceKey serviceKey) {
        String prefix = layout.metadata(serviceKey);
        Map<String, byte[]> documents = new TreeMap<>();
        for (KeyValue kv : range("the metadata of " + serviceKey, prefix, false)) {
            String digest = KeyLayout.segment(kv.getKey().toString(StandardCharsets.UTF_8), prefix, true);
            if (digest == null) {
                continue;
            }
            byte[] data = kv.getValue().getBytes();
            if (data.length > Registry.MAX_METADATA_BYTES) {
                log.warn(
                        "Skipped the metadata {} of {}: over {} bytes",
                        digest,
                        serviceKey,
                        Registry.MAX_METADATA_BYTES);
                continue;
            }
            documents.put(digest, data);
        }
        return documents;
    }

    /** Every service under the root with a metadata key, sorted by text form; one keys-only range read. */
    public List<ServiceKey> services() {
        String root = layout.root();
        List<String> keys = range("the services under " + root, root, true).stream()
                .map(kv -> kv.getKey().toString(StandardCharsets.UTF_8))
                .toList();
        return layout.services(
                keys,
                (key, name) -> key.startsWith(
                        "/metadata/", root.length() + KeyLayout.encode(name).length()));
    }

    private List<KeyValue> range(String what, String prefix, boolean keysOnly) {
        try {
            return client.getKVClient()
                    .get(
                            bytes(prefix),
                            GetOption.builder()
                                    .isPrefix(true)
                                    .withKeysOnly(keysOnly)
                                    .build())
                    .get(timeoutMillis, TimeUnit.MILLISECONDS)
                    .getKvs();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("reading " + what + " failed: " + e, e);
        }
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}

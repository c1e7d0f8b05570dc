package io.courier.registry.etcd.internal.client;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.watch.WatchResponse;
import java.nio.charset.StandardCharsets;

/**
 * Tells at once when the client's connection to etcd breaks: a watch on a key nobody writes, whose
 * stream fails with the connection. Between two renewals a lease says nothing about the
 * connection, and a registry's health should not wait a third of the TTL to learn that etcd is
 * gone. jetcd resumes the watch by itself, so every later break is heard too.
 */
public final class ConnectionWatch implements AutoCloseable {

    private final Watch.Watcher watcher;

    /** @param onBroken runs on jetcd's thread each time the watch's stream fails */
    public ConnectionWatch(Client client, String key, Runnable onBroken) {
        this.watcher = client.getWatchClient()
                .watch(ByteSequence.from(key, StandardCharsets.UTF_8), new Watch.Listener() {
                    @Override
                    public void onNext(WatchResponse response) {
                        // nobody writes the key
                    }

                    @Override
                    public void onError(Throwable error) {
                        onBroken.run();
                    }

                    @Override
                    public void onCompleted() {
                        onBroken.run();
                    }
                });
    }

    @Override
    public void close() {
        watcher.close();
    }
}

package io.courier.registry.zookeeper;

import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryFactory;
import io.courier.api.registry.RegistryOptions;
import io.courier.spi.Extension;
import java.util.Objects;

/**
 * The {@code embedded} registry, for development and demos: a {@link ZooKeeperRegistry} connected to
 * an {@link EmbeddedZooKeeper} in this JVM, so nothing needs installing.
 *
 * <p>Every registry this factory creates shares one server, so providers and consumers in the same
 * JVM find each other; the server starts with the first registry and stops (deleting its data) when
 * the last one closes. Its port is logged at start; other processes can reach it as {@code
 * zookeeper://127.0.0.1:<port>}. Thread-safe.
 *
 * <p>Coordination (locks, semaphores, leader election, leader-only services) on it spans the
 * instances of this JVM only: another process on {@code embedded} starts a ZooKeeper of its own, and
 * elects a leader of its own. The first use of coordination on a server logs a WARN that says so.
 */
@Extension("embedded")
public final class EmbeddedRegistryFactory implements RegistryFactory {

    static final String NAME = "embedded";

    private EmbeddedZooKeeper server; // guarded by this

    @Override
    public Registry create(RegistryOptions options) {
        Objects.requireNonNull(options, "options");
        if (!options.address().equals(NAME) && !options.address().equals(NAME + "://")) {
            throw new IllegalArgumentException("address: '" + options.address() + "' (expected: embedded)");
        }
        EmbeddedZooKeeper shared = acquire();
        try {
            return new ZooKeeperRegistry(
                    options, shared.connectString(), () -> release(shared), shared::coordinationUsed);
        } catch (RuntimeException e) {
            release(shared);
            throw e;
        }
    }

    private synchronized void release(EmbeddedZooKeeper shared) {
        if (shared.release() && server == shared) {
            server = null;
        }
    }

    /** The running server, or null when no registry of this factory is open. */
    synchronized EmbeddedZooKeeper server() {
        return server;
    }

    /** The shared server, retained once more; a new one when none runs (or the last one closed). */
    private synchronized EmbeddedZooKeeper acquire() {
        if (server == null || !server.retain()) {
            server = EmbeddedZooKeeper.start();
            server.retain();
        }
        return server;
    }
}

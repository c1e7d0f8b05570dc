package io.courier.api.registry;

import io.courier.api.ServiceInstance;
import io.courier.spi.ExtensionLoader;
import java.util.List;

/**
 * The factory hook of the registry contracts ({@link RegistryContract}, {@link RegistryScaleContract}):
 * what a registry module tells the contracts about the store it runs them against. The store is
 * started by the module's test class and shared by all of its tests; every test works under a root
 * of its own.
 */
public interface RegistryHarness {

    /** The registry's name in the figures the contracts report, e.g. {@code zookeeper} or {@code etcd}. */
    String name();

    /**
     * Options for a client of the running store under {@code root}, with a session (or lease) of
     * 2 s, so that expiry tests stay short.
     */
    RegistryOptions.Builder options(String root);

    /** A registry client, through the {@link RegistryFactory} of the options' scheme, as applications get one. */
    default Registry open(RegistryOptions options) {
        return ExtensionLoader.of(RegistryFactory.class).get(options.scheme()).create(options);
    }

    /** A registry client that {@link #crash} can stop as a crash would; the test still closes it. */
    Registry crashable(RegistryOptions options);

    /**
     * Stops {@code registry} (from {@link #crashable}) as {@code kill -9} or a partition would: no
     * unregister, no goodbye to the store, so its registrations must expire on their own.
     */
    void crash(Registry registry);

    /** A writer of registrations that bypasses the registry clients, under {@code root}. */
    RawRegistrations raw(String root);

    /**
     * The most lists a consumer may see while {@link RawRegistrations#delete} withdraws registrations in
     * {@code transactions} transactions and the consumer's last list comes {@code millis} after the
     * first began: one per transaction, where the store tells a watcher of a transaction in one event
     * (ZooKeeper, etcd). A store that tells of each registration in an event of its own says what its
     * feed adds while those events keep coming.
     */
    default int withdrawalLists(int transactions, long millis) {
        return transactions;
    }

    /**
     * Registrations written straight into the store in the registry's own format, as many providers
     * would (without starting them) or as a dead rack leaves them: no session or lease owns them, so
     * they stay until deleted.
     */
    interface RawRegistrations extends AutoCloseable {

        /** The most registrations one {@link #put} or {@link #delete} step (one transaction) holds. */
        int STEP = 1_000;

        /** Writes the instances, {@link #STEP} per transaction. */
        void put(List<ServiceInstance> instances);

        /**
         * Deletes the instances' registrations, {@link #STEP} per transaction.
         *
         * @return how long each transaction took, in milliseconds
         */
        List<Long> delete(List<ServiceInstance> instances);

        @Override
        void close();
    }
}

package io.courier.api.store;

import io.courier.api.registry.RegistryOptions;
import io.courier.spi.ExtensionLoader;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A connection to a registry's store for the tools that read and change it (the configuration
 * centre, the console, {@code courier-admin}): its versioned {@link #documents()} and its
 * {@link #catalog()} of registrations. Applications do not need it: they read the same documents
 * through {@link io.courier.api.registry.Registry#watchConfig}.
 *
 * <p>Thread-safety: every method may be called from any thread. Ownership: whoever opened the store
 * closes it; {@link #close()} ends the connection, and calls after it throw {@link
 * IllegalStateException}.
 */
public interface RegistryStore extends AutoCloseable {

    /** The configuration documents of every environment; the same object on every call. */
    DocumentStore documents();

    /** The services, providers and consumers registered now; the same object on every call. */
    RegistryCatalog catalog();

    /** Closes the connection (and every watch of {@link #documents()}). Idempotent. */
    @Override
    void close();

    /**
     * Opens the store of {@code options}'s address with the {@link RegistryStoreFactory} its scheme
     * names; an address without a scheme ({@code host:port}) goes to the default factory. Waits for
     * the connection, as {@link RegistryStoreFactory#open} does.
     *
     * @throws IllegalArgumentException if no factory on the class path serves the scheme (the message
     *     lists those that do), or the factory refuses the address
     * @throws StoreException if the store cannot be reached in time
     */
    static RegistryStore open(RegistryOptions options) {
        Objects.requireNonNull(options, "options");
        ExtensionLoader<RegistryStoreFactory> factories = ExtensionLoader.of(RegistryStoreFactory.class);
        if (!options.address().contains("://")) {
            return open(options.withAddress(factories.defaultName() + "://" + options.address()));
        }
        if (!factories.has(options.scheme())) {
            throw new IllegalArgumentException("address: '" + options.address()
                    + "' (expected: a scheme served by a RegistryStoreFactory on the class path: "
                    + String.join(", ", new TreeSet<>(factories.names())) + ")");
        }
        return factories.get(options.scheme()).open(options);
    }
}

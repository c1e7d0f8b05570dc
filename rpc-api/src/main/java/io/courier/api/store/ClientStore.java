package io.courier.api.store;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The lifecycle every {@link RegistryStore} on one client of its own shares, written once for all
 * registries: its documents and catalog, the open check before each use of the client, and a close
 * that stops the document watches, then the delivery thread, then the client, once. A store module
 * extends it and, in its constructor, hands over its parts with {@link #parts}.
 *
 * <p>Thread-safe once constructed. {@link #close()} never throws.
 *
 * @param <C> the store's client, which this class closes
 */
public abstract class ClientStore<C extends AutoCloseable> implements RegistryStore {

    private final C client;
    private final ExecutorService deliveries;
    private final AtomicBoolean closed = new AtomicBoolean();
    // set once, by the subclass's constructor
    private DocumentStore documents;
    private RegistryCatalog catalog;
    private Runnable closeWatches;

    /**
     * @param client the store's own client, closed by {@link #close()}
     * @param deliveries where watch deliveries run, shut down by {@link #close()}
     */
    protected ClientStore(C client, ExecutorService deliveries) {
        this.client = Objects.requireNonNull(client, "client");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    }

    /**
     * Hands over the store's parts; called once, by the subclass's constructor.
     *
     * @param closeWatches stops the documents' watches; runs first in {@link #close()}
     */
    protected final void parts(DocumentStore documents, RegistryCatalog catalog, Runnable closeWatches) {
        this.documents = Objects.requireNonNull(documents, "documents");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.closeWatches = Objects.requireNonNull(closeWatches, "closeWatches");
    }

    @Override
    public final DocumentStore documents() {
        return documents;
    }

    @Override
    public final RegistryCatalog catalog() {
        return catalog;
    }

    /**
     * The client, for an operation.
     *
     * @throws IllegalStateException if the store is closed
     */
    protected final C openClient() {
        if (closed.get()) {
            throw new IllegalStateException("the registry store is closed");
        }
        return client;
    }

    /** Stops the watches, the delivery thread and the client, in that order. Idempotent. */
    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            closeWatches.run();
            deliveries.shutdownNow();
            try {
                client.close();
            } catch (Exception e) {
                // closing a client is best effort: nothing is left to release or to tell the caller
            }
        }
    }
}

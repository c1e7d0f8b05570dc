package io.courier.api.registry;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.coordination.Coordination;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Where providers announce themselves and consumers find them.
 *
 * <p>Implementations survive losing their backing store: registrations are retried until they
 * succeed and restored after a session loss, and subscribers keep the last known providers while the
 * store is unreachable (and, where the implementation has a cache file, even across a restart while
 * it is unreachable).
 *
 * <p>Thread-safety: every method may be called from any thread. Listeners are called on the
 * registry's own notification threads, never on the caller's; calls for one subscription never
 * overlap and arrive in order, but different subscriptions are notified concurrently. A listener
 * should return quickly; an exception it throws is logged and does not stop later deliveries.
 *
 * <p>Ownership: the registry owns its connection and threads. {@link #close()} closes every
 * subscription and withdraws this process's registrations; calls after it throw {@link
 * IllegalStateException}.
 */
public interface Registry extends AutoCloseable {

    /**
     * Announces {@code instance}; returns at once. The registration is retried in the background,
     * with backoff, until it succeeds or the registry closes, and restored after a session loss.
     * Registering the same service and endpoint again replaces the published metadata.
     *
     * @throws NullPointerException if {@code instance} is null
     * @throws IllegalStateException if the registry is closed
     */
    void register(ServiceInstance instance);

    /**
     * Completes once the registration of {@code instance} (its service and endpoint, with its
     * current metadata) has been acknowledged by the store, so that a subscriber reading after that
     * finds it. A provider's start waits on it, bounded. The future is never completed exceptionally:
     * while the store is unreachable it simply stays pending, and it may never complete if the
     * instance is unregistered or the registry closes first; callers bound their wait.
     *
     * <p>This default completes at once, for registries that publish synchronously or cannot tell.
     *
     * @throws NullPointerException if {@code instance} is null
     */
    default CompletableFuture<Void> registration(ServiceInstance instance) {
        Objects.requireNonNull(instance, "instance");
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Withdraws the registration of {@code instance}'s service and endpoint; a no-op if there is none.
     * Returns at once; the removal happens in the background.
     *
     * @throws NullPointerException if {@code instance} is null
     * @throws IllegalStateException if the registry is closed
     */
    void unregister(ServiceInstance instance);

    /**
     * Delivers the provider list of {@code serviceKey} to {@code listener}: now, if it is known, and
     * then on every change, always as a complete, immutable snapshot sorted by endpoint (never a
     * delta, never null). The first delivery may come from a local cache when the store is
     * unreachable; an unchanged list is not delivered twice.
     *
     * <p>A subscription is also this process's announcement as a consumer of {@code serviceKey},
     * where the store has a place for it (the ZooKeeper registry keeps one ephemeral node under
     * {@code <root>/<serviceKey>/consumers/} per registry client and service while any subscription
     * to the service is open, restored after a session loss like a registration). It is for
     * operators only: nothing may depend on it, and a registry without such a place announces nothing.
     *
     * <p>Without a reachability check every provider of the last list counts as reachable: with
     * empty-push protection on, an empty list then never replaces a non-empty one. Consumers that
     * know their connections should use {@link #subscribe(ServiceKey, Consumer, Predicate)}.
     *
     * @return a handle whose {@code close()} stops the deliveries (and never throws)
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the registry is closed
     */
    AutoCloseable subscribe(ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener);

    /**
     * As {@link #subscribe(ServiceKey, Consumer)}, with the consumer's view of which providers are
     * still reachable, for empty-push protection: when protection is on and the store reports no
     * provider while at least one provider of the last delivered list is {@code reachable} (the
     * consumer's transport is still connected to it), the empty list is withheld and the last list
     * stays in force; it is delivered once no listed provider is reachable any more.
     *
     * <p>{@code reachable} is called on registry threads and must be fast and non-blocking. This
     * default ignores it, for registries without such protection.
     *
     * @param reachable whether the consumer is still connected to the provider at an endpoint
     * @return a handle whose {@code close()} stops the deliveries (and never throws)
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the registry is closed
     */
    default AutoCloseable subscribe(
            ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener, Predicate<Endpoint> reachable) {
        Objects.requireNonNull(reachable, "reachable");
        return subscribe(serviceKey, listener);
    }

    /**
     * Delivers the dynamic configuration of {@code serviceKey} to {@code listener}: now, if it is
     * known, and then on every valid change ({@link DynamicConfig#EMPTY} when the configuration is
     * removed). An invalid document is logged and skipped, and the previous configuration stays in
     * force. Deliveries follow the same threading rules as provider lists.
     *
     * @return a handle whose {@code close()} stops the deliveries (and never throws)
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the registry is closed
     */
    AutoCloseable watchConfig(ServiceKey serviceKey, Consumer<DynamicConfig> listener);

    /**
     * How many configuration documents this registry has refused since it was created (invalid
     * YAML, an unknown key, a value out of range, too large), each time leaving the configuration in
     * force unchanged; for the {@code courier.config.rejected} metric. This default answers 0, for
     * registries that do not validate documents. Fast and non-blocking.
     */
    default long rejectedConfigurations() {
        return 0;
    }

    /**
     * Whether the registry reaches its backing store now, for health checks: registrations and
     * subscriptions made while it does not are retried and served from caches meanwhile. This
     * default answers {@code true}, for registries that hold no connection. Fast and non-blocking.
     */
    default boolean isConnected() {
        return true;
    }

    /**
     * Locks, semaphores and leader election kept in this registry's store, sharing its connection and
     * session, or empty if the store offers none (this default). The registry owns the returned
     * object: every call returns the same one, and {@link #close()} closes it (releasing every lease
     * and leadership) before the registry's own connection.
     *
     * @throws IllegalStateException if the registry is closed
     */
    default Optional<Coordination> coordination() {
        return Optional.empty();
    }

    /**
     * Publishes the metadata document of {@code serviceKey} (its methods, parameter names and JSON
     * Schemas; data, never code) under its content {@code digest}: once per service key and digest,
     * however many instances publish it, and kept when they leave, so that during a rolling deploy
     * both versions of an interface are readable side by side (each instance names the digest it
     * serves in its {@link ServiceInstance#metadata()} under {@link #METADATA_DIGEST}). Returns at
     * once; the write happens in the background and an existing document is left as it is. A
     * registry without a place for metadata ignores it; this default does.
     *
     * @param digest the document's content digest: 1 to 64 ASCII letters and digits
     * @throws IllegalArgumentException if the digest is malformed or the document exceeds {@link
     *     #MAX_METADATA_BYTES}
     * @throws IllegalStateException if the registry is closed
     */
    default void publishMetadata(ServiceKey serviceKey, String digest, byte[] document) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        checkMetadata(digest, document);
    }

    /**
     * The metadata documents of {@code serviceKey} the store holds now, by digest (empty if none,
     * or if this registry keeps no metadata, as this default). Reads the store: call it when a
     * document is needed, not per call.
     *
     * @throws IllegalStateException if the registry is closed
     */
    default Map<String, byte[]> metadata(ServiceKey serviceKey) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        return Map.of();
    }

    /**
     * The services that have published metadata, sorted by their text form (empty for a registry
     * that keeps no metadata, as this default). Reads the store.
     *
     * @throws IllegalStateException if the registry is closed
     */
    default List<ServiceKey> servicesWithMetadata() {
        return List.of();
    }

    /** The {@link ServiceInstance#metadata()} key naming the digest of the metadata an instance serves. */
    String METADATA_DIGEST = "metadata.digest";

    /** The largest metadata document a registry accepts, in bytes. */
    int MAX_METADATA_BYTES = 256 * 1024;

    /**
     * Checks the arguments of {@link #publishMetadata}.
     *
     * @throws IllegalArgumentException if the digest is malformed or the document too large
     */
    static void checkMetadata(String digest, byte[] document) {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(document, "document");
        if (digest.isEmpty()
                || digest.length() > 64
                || !digest.chars().allMatch(Character::isLetterOrDigit)
                || !digest.chars().allMatch(c -> c < 128)) {
            throw new IllegalArgumentException("digest: '" + digest + "' (expected: 1 to 64 ASCII letters and digits)");
        }
        if (document.length > MAX_METADATA_BYTES) {
            throw new IllegalArgumentException(
                    "metadata document: " + document.length + " bytes (expected: at most " + MAX_METADATA_BYTES + ")");
        }
    }

    /**
     * Closes every subscription, the {@link #coordination()} and the connection, withdrawing this
     * process's registrations. Idempotent.
     */
    @Override
    void close();
}

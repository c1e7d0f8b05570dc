package io.courier.cluster.scenario;

import io.courier.api.Invoker;
import io.courier.api.ServiceInstance;
import java.util.List;
import java.util.function.Function;

/**
 * A set of providers of {@link LedgerService}, numbered from 0, that the scenarios call and break.
 *
 * <p>What an implementation must reproduce, whatever its transport:
 *
 * <ul>
 *   <li>A call to a live provider runs {@link LedgerService} there, which records it in
 *       {@link #ledger()}, and answers the provider's index.
 *   <li>{@link #kill(int)} stops a provider abruptly: the calls in flight on it fail on the consumer
 *       with a {@code NETWORK} error that may have executed (some did, some did not), and later
 *       attempts fail at once with a {@code NETWORK} (or {@code CONNECT_FAILED}) error that did not
 *       execute, until the directory forgets the provider.
 *   <li>{@link #fault(int, Fault)} makes a live provider misbehave as {@link Fault} describes.
 *   <li>{@link #close()} stops every provider and fails whatever is still in flight.
 * </ul>
 */
public interface ProviderFleet extends AutoCloseable {

    /** What the providers registered, provider {@code i} at index {@code i}. */
    List<ServiceInstance> instances();

    /** Makes the consumer-side invoker of one instance (what the bootstrap gets from the transport). */
    Function<ServiceInstance, Invoker> connector();

    Ledger ledger();

    /** Calls that reached provider {@code provider}, whether it ran them or refused them. */
    long attempts(int provider);

    /**
     * Attempts the consumer sent to provider {@code provider}, counted on the consumer side: equal to
     * {@link #attempts} unless calls were lost on the way (or refused before they reached the code
     * that counts {@link #attempts}).
     */
    default long sent(int provider) {
        return attempts(provider);
    }

    /** Calls provider {@code provider} has accepted and not answered yet. */
    int inFlight(int provider);

    void fault(int provider, Fault fault);

    /** Stops provider {@code provider} abruptly. */
    void kill(int provider);

    /**
     * Calls that were in flight on provider {@code provider} when it was killed, and so failed on
     * the consumer with "may have executed".
     */
    long lost(int provider);

    @Override
    void close();
}

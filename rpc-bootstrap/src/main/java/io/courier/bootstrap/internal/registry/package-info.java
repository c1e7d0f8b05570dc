/**
 * What one application does with its registry: its providers' registrations and their state
 * ({@link ProviderRegistrations}), its references' subscriptions, tracked so that shutdown can stop
 * following the registry first ({@link ProviderListSubscriptions}), and the views of the registry
 * handed to directories ({@link RegistryView}, {@link ReachabilityGuard}). Internal: rpc-bootstrap's
 * own, not API.
 */
package io.courier.bootstrap.internal.registry;

/**
 * The provider-list policy every {@link io.courier.api.registry.Registry} shares, for registry
 * authors: {@link io.courier.core.discovery.ProviderDiscovery} and its {@link
 * io.courier.core.discovery.ProviderList}s own the first list, change detection, empty-push
 * and mass-withdrawal protection, listener notification and the cache file; a registry only turns
 * its store's events into complete instance lists. Not for applications.
 */
package io.courier.core.discovery;

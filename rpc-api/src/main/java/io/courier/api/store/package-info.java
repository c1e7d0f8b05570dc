/**
 * The registry's store as the operators' tools see it, independent of the store behind it: versioned
 * configuration documents with history ({@link io.courier.api.store.DocumentStore}), and the services,
 * providers and consumers registered now ({@link io.courier.api.store.RegistryCatalog}). A
 * {@link io.courier.api.store.RegistryStore} is opened by the {@link
 * io.courier.api.store.RegistryStoreFactory} named by the registry address's scheme; see {@code
 * docs/registry.md}.
 */
package io.courier.api.store;

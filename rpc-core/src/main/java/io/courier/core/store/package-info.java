/**
 * What the registry stores of every registry module share: the version records of the configuration
 * centre, the consumer records of the catalog, and the checks of {@link io.courier.api.store.DocumentStore}.
 */
package io.courier.core.store;

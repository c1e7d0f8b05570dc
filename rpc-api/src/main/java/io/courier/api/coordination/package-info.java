/**
 * Coordination on the registry's store: distributed locks, read/write locks, semaphores and leader
 * election, with {@link io.courier.api.coordination.Lease#fencingToken() fencing tokens}. Reached
 * through {@link io.courier.api.registry.Registry#coordination()}; see {@code docs/coordination.md}.
 */
package io.courier.api.coordination;

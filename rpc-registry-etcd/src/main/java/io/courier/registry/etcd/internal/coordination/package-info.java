/**
 * {@link io.courier.api.coordination.Coordination} on etcd's own primitives: one lease per coordination
 * kept alive, keys queued by create revision for locks, read/write locks, semaphores and leader
 * election, fencing tokens from create revisions. Internal: reached through {@link
 * io.courier.api.registry.Registry#coordination()}; may change in any release. See {@code
 * docs/coordination.md}.
 */
package io.courier.registry.etcd.internal.coordination;

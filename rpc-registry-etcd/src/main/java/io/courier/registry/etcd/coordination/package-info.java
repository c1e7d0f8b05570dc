/**
 * {@link io.courier.api.coordination.Coordination} on etcd's own primitives: one lease per coordination
 * kept alive, keys queued by create revision for locks, read/write locks, semaphores and leader
 * election, fencing tokens from create revisions. See {@code docs/coordination.md}.
 */
package io.courier.registry.etcd.coordination;

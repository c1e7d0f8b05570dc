package io.courier.api.coordination;

import java.util.OptionalLong;

/**
 * This process's membership in the leader election of one group; see {@link
 * Coordination#joinElection}. Thread-safe.
 */
public interface LeaderElection extends AutoCloseable {

    /** The group's name. */
    String group();

    /**
     * Whether this process leads now: it was elected, and since then the connection to the store was
     * neither suspended nor lost and the membership not closed.
     */
    boolean isLeader();

    /**
     * The fencing token of the current term while this process leads (the creation transaction id
     * of its election node in ZooKeeper, the create revision of its key in etcd, the {@code
     * leaseTransitions} of the group's Lease on Kubernetes; it grows from one
     * leader to the next), else empty.
     */
    OptionalLong fencingToken();

    /**
     * Leaves the election; if this process leads, it stops leading and its listener hears {@link
     * LeadershipListener#lost()}, and another member can be elected at once. Idempotent.
     */
    @Override
    void close();
}

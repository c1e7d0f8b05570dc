package io.courier.registry.kubernetes.internal;

/**
 * One holder's term on a coordination Lease, as this client last wrote it: the Lease's name, the holder
 * identity written in it, the term's fencing token (the Lease's {@code leaseTransitions}) and the
 * resourceVersion of the write, which the next renewal or release must carry.
 */
record LeaseTerm(String lease, String holder, long token, String resourceVersion) {}

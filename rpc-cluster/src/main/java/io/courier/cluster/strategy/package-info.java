/**
 * The built-in {@link io.courier.api.cluster.Cluster} strategies (failover, failfast, failsafe, failback,
 * forking, broadcast) and the rules they share: which failures may be retried, the per-reference
 * retry budget, and how a final failure is described.
 */
package io.courier.cluster.strategy;

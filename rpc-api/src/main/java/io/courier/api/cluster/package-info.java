/**
 * Choosing the instance that serves a call: the extension points a reference's invoker is built from
 * ({@link io.courier.api.cluster.Cluster}, {@link io.courier.api.cluster.LoadBalancer},
 * {@link io.courier.api.cluster.Router}) and what they are handed ({@link
 * io.courier.api.cluster.Candidate}, {@link io.courier.api.cluster.Directory}, {@link
 * io.courier.api.cluster.RouteKey}). Implemented in rpc-cluster; written by users who route or
 * balance their own way.
 */
package io.courier.api.cluster;

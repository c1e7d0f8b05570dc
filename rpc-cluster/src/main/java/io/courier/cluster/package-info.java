/**
 * The cluster layer's entry points: {@link io.courier.cluster.StaticDirectory} and
 * {@link io.courier.cluster.RegistryDirectory} list a service's providers,
 * {@link io.courier.cluster.ClusterBuilder} turns a directory into one routed, balanced,
 * fault-tolerant invoker, and {@link io.courier.cluster.FallbackInvoker} answers when it gives up;
 * {@link io.courier.cluster.CircuitBreakers} are the circuit breakers its per-endpoint invokers keep.
 */
package io.courier.cluster;

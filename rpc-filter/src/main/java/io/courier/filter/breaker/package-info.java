/**
 * Circuit breaking per provider instance and method: {@link io.courier.filter.breaker.CircuitBreakers}
 * decorates the invoker of each instance the cluster may pick, so that an instance failing or
 * slowing down is skipped fast ({@code CIRCUIT_OPEN}, not executed) until probes show it has
 * recovered.
 */
package io.courier.filter.breaker;

/**
 * Fault-tolerance scenarios against a fleet of providers that keep a ledger of what they executed:
 * {@link io.courier.cluster.scenario.FaultToleranceScenarios} holds the checks,
 * {@link io.courier.cluster.scenario.ProviderFleet} is what they run against. The in-process fleet
 * simulates the transport's failure modes; a fleet over real sockets can run the same checks.
 */
package io.courier.cluster.scenario;

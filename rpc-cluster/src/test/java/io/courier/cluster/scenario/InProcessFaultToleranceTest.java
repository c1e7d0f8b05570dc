package io.courier.cluster.scenario;

/**
 * The fault-tolerance scenarios against providers simulated in this process. The same scenarios
 * over real sockets need a {@link ProviderFleet} built on the transport and bootstrap.
 */
class InProcessFaultToleranceTest extends FaultToleranceScenarios {

    @Override
    protected ProviderFleet startFleet(int size) {
        return new InProcessFleet(size);
    }
}

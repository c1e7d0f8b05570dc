package io.courier.it.cluster;

import io.courier.cluster.scenario.FaultToleranceScenarios;
import io.courier.cluster.scenario.ProviderFleet;
import io.courier.it.Figures;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * Every fault-tolerance scenario of the cluster layer, with providers behind real sockets: Courier's
 * transport server and client on 127.0.0.1, the protostuff serializer, the providers' executors.
 */
@Timeout(180)
class RealSocketFaultToleranceIT extends FaultToleranceScenarios {

    @Override
    protected ProviderFleet startFleet(int size) {
        return new RealSocketFleet(size);
    }

    @Override
    protected void report(String scenario, Map<String, Object> figures) {
        Figures line = Figures.of("real sockets: " + scenario);
        figures.forEach(line::put);
        line.print();
    }
}

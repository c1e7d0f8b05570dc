package io.courier.registry.zookeeper.testing;

import io.courier.testkit.RestartPorts;
import org.apache.curator.test.InstanceSpec;

/** Server specs for Curator's test servers and ensembles, every server on 127.0.0.1. */
public final class EnsembleSpecs {

    private EnsembleSpecs() {}

    /**
     * A spec on random ports outside the ephemeral range ({@link RestartPorts}: a restarted server binds
     * them again); sessions may last 1 to 20 ticks of {@code tickMillis}.
     */
    public static InstanceSpec spec(int tickMillis) {
        return new InstanceSpec(
                null, RestartPorts.pick(), RestartPorts.pick(), RestartPorts.pick(), true, -1, tickMillis, -1);
    }

    /** Three specs for an ensemble: nine distinct ports, as {@link RestartPorts} never picks one twice. */
    public static InstanceSpec[] ensemble(int tickMillis) {
        return new InstanceSpec[] {spec(tickMillis), spec(tickMillis), spec(tickMillis)};
    }
}

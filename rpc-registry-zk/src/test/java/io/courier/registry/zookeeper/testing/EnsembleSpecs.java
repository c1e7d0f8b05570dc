package io.courier.registry.zookeeper.testing;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.curator.test.DirectoryUtils;
import org.apache.curator.test.InstanceSpec;

/** Server specs for Curator's test servers and ensembles, every server on 127.0.0.1. */
public final class EnsembleSpecs {

    private EnsembleSpecs() {}

    /** A spec on a random port; sessions may last 1 to 20 ticks of {@code tickMillis}. */
    public static InstanceSpec spec(int tickMillis) {
        return new InstanceSpec(null, -1, -1, -1, true, -1, tickMillis, -1);
    }

    /**
     * Three specs for an ensemble whose nine ports differ: each spec picks its free ports on its own,
     * and the kernel may hand the same one out twice (a CI run once got one client port for two
     * servers, and the cluster refused to start). Bounded: ten tries.
     */
    public static InstanceSpec[] ensemble(int tickMillis) throws IOException {
        for (int attempt = 0; attempt < 10; attempt++) {
            InstanceSpec[] specs = {spec(tickMillis), spec(tickMillis), spec(tickMillis)};
            Set<Integer> ports = new HashSet<>();
            for (InstanceSpec spec : specs) {
                ports.add(spec.getPort());
                ports.add(spec.getElectionPort());
                ports.add(spec.getQuorumPort());
            }
            if (ports.size() == 9) {
                return specs;
            }
            for (InstanceSpec spec : specs) {
                DirectoryUtils.deleteRecursively(spec.getDataDirectory());
            }
        }
        throw new IllegalStateException("no nine distinct free ports for an ensemble in ten tries");
    }
}

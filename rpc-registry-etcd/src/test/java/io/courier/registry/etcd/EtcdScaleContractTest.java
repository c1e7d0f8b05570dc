package io.courier.registry.etcd;

import io.courier.api.registry.RegistryHarness;
import io.courier.api.registry.RegistryScaleContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The registry contract at scale, with its figures, on a real single-member etcd, through the {@code etcd} extension. */
class EtcdScaleContractTest extends RegistryScaleContract {

    private static EtcdServer etcd;
    private static RegistryHarness harness;

    @BeforeAll
    static void startEtcd() {
        etcd = EtcdServer.start();
        harness = new EtcdContractHarness(etcd.address());
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Override
    protected RegistryHarness harness() {
        return harness;
    }
}

package io.courier.registry.etcd;

import io.courier.api.registry.RegistryHarness;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real etcd for one registry contract class ({@code @RegisterExtension static}): started before its
 * tests, stopped after them, with the {@link EtcdContractHarness} on it.
 */
final class EtcdContractServer extends EtcdPerClass {

    private EtcdContractHarness harness;

    @Override
    public void beforeAll(ExtensionContext context) {
        super.beforeAll(context);
        harness = new EtcdContractHarness(server().address());
    }

    RegistryHarness harness() {
        return harness;
    }
}

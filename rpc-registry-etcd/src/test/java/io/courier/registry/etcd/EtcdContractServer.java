package io.courier.registry.etcd;

import io.courier.api.registry.RegistryHarness;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real etcd for one registry contract class ({@code @RegisterExtension static}): started before its
 * tests, stopped after them, with the {@link EtcdContractHarness} on it.
 */
final class EtcdContractServer implements BeforeAllCallback, AfterAllCallback {

    private EtcdServer etcd;
    private EtcdContractHarness harness;

    @Override
    public void beforeAll(ExtensionContext context) {
        etcd = EtcdServer.start();
        harness = new EtcdContractHarness(etcd.address());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (etcd != null) {
            etcd.close();
        }
    }

    RegistryHarness harness() {
        return harness;
    }
}

package io.courier.registry.etcd;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real etcd for one test class ({@code @RegisterExtension static}): started before its tests,
 * stopped after them, whatever they did to it (stopped, paused or restarted it).
 */
class EtcdPerClass implements BeforeAllCallback, AfterAllCallback {

    private EtcdServer etcd;

    @Override
    public void beforeAll(ExtensionContext context) {
        etcd = EtcdServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (etcd != null) {
            etcd.close();
        }
    }

    /** The running server; only between {@code beforeAll} and {@code afterAll}. */
    EtcdServer server() {
        return etcd;
    }
}

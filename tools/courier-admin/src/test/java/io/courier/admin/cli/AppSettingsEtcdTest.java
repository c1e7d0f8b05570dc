package io.courier.admin.cli;

import io.courier.registry.etcd.EtcdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * The application's settings over a real etcd ({@link EtcdServer}, one for the class: skipped without
 * Debian's etcd-server, failed under {@code CI=true}). What does not depend on the registry (polling,
 * log levels, the cache file) runs once, in {@link AppSettingsZooKeeperTest}.
 */
@Timeout(60)
class AppSettingsEtcdTest extends AppSettingsContract {

    private static EtcdServer etcd;

    @BeforeAll
    static void startEtcd() {
        etcd = EtcdServer.start();
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Override
    String address() {
        return etcd.address();
    }
}

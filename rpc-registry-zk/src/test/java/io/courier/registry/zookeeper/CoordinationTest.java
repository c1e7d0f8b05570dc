package io.courier.registry.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.coordination.Coordination;
import io.courier.api.coordination.Lease;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where the coordination keeps its nodes in ZooKeeper; what every registry's coordination does is
 * {@link ZooKeeperCoordinationContractTest}.
 */
@Timeout(60)
class CoordinationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @AutoClose
    private final CoordinationServer zooKeeper = new CoordinationServer();

    private final TestingServer server = zooKeeper.server;

    private Coordination coordination() {
        return newRegistry().coordination().orElseThrow();
    }

    private ZooKeeperRegistry newRegistry() {
        return zooKeeper.newRegistry();
    }

    @Test
    void primitivesLiveUnderTheDocumentedPath() throws Exception {
        Coordination coordination = coordination();
        try (Lease lease = coordination.lock("where").acquire(WAIT);
                CuratorFramework inspector = ZooKeeperTesting.inspector(server.getConnectString())) {
            assertThat(inspector.getChildren().forPath("/courier/_coordination/locks/where"))
                    .singleElement()
                    .satisfies(node -> assertThat(inspector
                                    .checkExists()
                                    .forPath("/courier/_coordination/locks/where/" + node)
                                    .getCzxid())
                            .isEqualTo(lease.fencingToken()));
        }
        await().atMost(WAIT).until(() -> {
            try (CuratorFramework inspector = ZooKeeperTesting.inspector(server.getConnectString())) {
                return inspector
                        .getChildren()
                        .forPath("/courier/_coordination/locks/where")
                        .isEmpty();
            }
        });
    }
}

package io.courier.registry.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.registry.RegistryOptions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The two answers the test API server gives as a real API server does where fabric8's mock server
 * does not: a list's {@code limit}, and a watch resumed from a resourceVersion (only what changed
 * after it). The registry's tests at scale depend on both; a fabric8 release that changes the mock
 * server fails here first.
 */
@Timeout(30)
class KubernetesApiServerTest {

    private static final String NAMESPACE = "api-server-test";

    private final KubernetesApiServer server = new KubernetesApiServer();
    private final KubernetesClient client = KubernetesClients.build(
            KubernetesAddress.parse(server.address(NAMESPACE)),
            RegistryOptions.builder(server.address(NAMESPACE)).build());

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    private ConfigMap create(String name) {
        return client.configMaps()
                .inNamespace(NAMESPACE)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .addToLabels("app", "test")
                        .endMetadata()
                        .addToData("k", name)
                        .build())
                .create();
    }

    @Test
    void aListWithALimit_holdsAtMostThatMany_andOneWithoutHoldsAll() {
        for (int i = 0; i < 5; i++) {
            create("map-" + i);
        }
        var maps = client.configMaps().inNamespace(NAMESPACE);

        assertThat(maps.list(new ListOptionsBuilder().withLimit(2L).build()).getItems())
                .hasSize(2);
        assertThat(maps.withLabel("app", "test")
                        .list(new ListOptionsBuilder().withLimit(1L).build())
                        .getItems())
                .hasSize(1);
        assertThat(maps.list().getItems()).hasSize(5);
    }

    @Test
    void aWatchResumedFromAVersion_getsOnlyWhatChangedAfterIt_andAWatchFromNoneGetsAll() throws Exception {
        create("before-1");
        create("before-2");
        String listed = client.configMaps()
                .inNamespace(NAMESPACE)
                .withLabel("app", "test")
                .list()
                .getMetadata()
                .getResourceVersion();
        create("after");

        List<String> resumed = new CopyOnWriteArrayList<>();
        List<String> fromNone = new CopyOnWriteArrayList<>();
        var maps = client.configMaps().inNamespace(NAMESPACE).withLabel("app", "test");
        try (Watch fromListed = maps.watch(
                        new ListOptionsBuilder().withResourceVersion(listed).build(), recorder(resumed));
                Watch fromStart = maps.watch(recorder(fromNone))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> fromNone.size() == 3);
            create("later");
            await().atMost(Duration.ofSeconds(10)).until(() -> resumed.size() == 2 && fromNone.size() == 4);
        }
        assertThat(resumed).containsExactly("ADDED after", "ADDED later");
        assertThat(fromNone)
                .containsExactlyInAnyOrder("ADDED before-1", "ADDED before-2", "ADDED after", "ADDED later");
    }

    private static Watcher<ConfigMap> recorder(List<String> events) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap map) {
                events.add(action + " " + map.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
                // closed by the test
            }
        };
    }
}

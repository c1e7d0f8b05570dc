package io.courier.registry.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ServiceKey;
import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.DocumentKey;
import io.courier.api.store.DocumentVersion;
import io.courier.api.store.RegistryStore;
import io.courier.api.store.RegistryStoreContract;
import io.courier.api.store.StoreException;
import io.courier.registry.kubernetes.internal.DocumentLayout;
import io.courier.registry.kubernetes.internal.SliceLayout;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The registry store contract on a Kubernetes API server ({@link KubernetesApiServer}, one for the
 * class), through the {@code kubernetes} extensions; and what only Kubernetes shows: a document is one
 * ConfigMap holding its text and history, and one edited by hand ({@code kubectl edit}) is version 0.
 */
class KubernetesStoreContractTest extends RegistryStoreContract {

    private static final String NAMESPACE = "courier-store";
    private static final KubernetesApiServer server = new KubernetesApiServer();

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    protected String address() {
        return server.address(NAMESPACE);
    }

    @Override
    protected boolean keepsDeclarations() {
        return false; // ConfigMaps hold documents only
    }

    @Test
    void historyThatWouldOverflowTheConfigMap_keepsTheNewestThatFit_andAVersionThatCannotFitIsRefused() {
        DocumentKey key = DocumentKey.application("large", "shop");
        // 200,000 characters of comment: the text in force and three records fit in a ConfigMap, four do not
        String text = "version: 1\n#" + "x".repeat(200_000) + "\n";
        try (RegistryStore store =
                RegistryStore.open(RegistryOptions.builder(address()).build())) {
            for (int number = 1; number <= 4; number++) {
                store.documents().write(key, new DocumentVersion(number, "bob", Instant.EPOCH, "", text + number), 10);
            }

            assertThat(store.documents().versions(key)).containsExactly(2L, 3L, 4L);
            assertThat(store.documents().current(key).orElseThrow().number()).isEqualTo(4);
            String tooLarge = "version: 1\n#" + "\u00e9".repeat(255_000) + "\n"; // 2 bytes a character, twice
            assertThatThrownBy(() -> store.documents()
                            .write(key, new DocumentVersion(5, "bob", Instant.EPOCH, "", tooLarge), 10))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("at most 1000000")
                    .hasMessageContaining("nothing was written");
            assertThat(store.documents().versions(key)).containsExactly(2L, 3L, 4L);
        }
    }

    @Test
    void aDocumentIsOneConfigMap_andOneEditedByHandIsVersion0() {
        RegistryOptions options = RegistryOptions.builder(address()).build();
        DocumentKey key = DocumentKey.service("handmade", ServiceKey.parse("g/io.example.A:1"));
        try (RegistryStore store = RegistryStore.open(options);
                KubernetesClient api = KubernetesClients.build(KubernetesAddress.parse(address()), options)) {
            store.documents().write(key, new DocumentVersion(1, "bob", Instant.EPOCH, "", "version: 1\n"), 5);
            String name = new DocumentLayout(new SliceLayout(options.root())).name(key);
            ConfigMap map =
                    api.configMaps().inNamespace(NAMESPACE).withName(name).get();
            assertThat(map.getData()).containsOnlyKeys(DocumentLayout.TEXT, DocumentLayout.versionKey(1));
            assertThat(map.getMetadata().getLabels()).containsEntry(DocumentLayout.KIND_LABEL, DocumentLayout.CONFIG);

            api.configMaps().inNamespace(NAMESPACE).withName(name).edit(edited -> {
                edited.setData(Map.of(DocumentLayout.TEXT, "version: 1\nretries: 2\n"));
                return edited;
            });

            assertThat(store.documents().current(key)).hasValueSatisfying(version -> {
                assertThat(version.number()).isZero();
                assertThat(version.author()).isEqualTo("unknown");
                assertThat(version.text()).isEqualTo("version: 1\nretries: 2\n");
            });
        }
    }
}

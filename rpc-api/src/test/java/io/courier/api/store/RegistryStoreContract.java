package io.courier.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.LiveKeys;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryFactory;
import io.courier.api.registry.RegistryOptions;
import io.courier.spi.ExtensionLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link RegistryStore} must do, whatever keeps its data: versioned documents with
 * history, conditional writes that one of two racing writers wins, listings, watches, the parser the
 * applications use, and a catalog that shows what the same module's {@link Registry} registered. A
 * registry module runs it through a subclass that starts its store and names its address; the
 * contract opens the stores and registries itself, through the {@link RegistryStoreFactory} and
 * {@link RegistryFactory} of the address's scheme, as the tools and applications do.
 *
 * <p>Each test works in an environment and on a service of its own, so one store can serve them all.
 * Shipped in rpc-api's test-jar ({@code <type>test-jar</type>}) so that every registry module can
 * extend it.
 */
@Timeout(60)
public abstract class RegistryStoreContract {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant WHEN = Instant.parse("2026-11-23T10:00:00Z");
    private static final AtomicInteger names = new AtomicInteger();

    /** The address of the running store, e.g. {@code zookeeper://127.0.0.1:2181}. */
    protected abstract String address();

    private RegistryStore store;
    private DocumentStore documents;
    private String environment;
    private ServiceKey service;

    @BeforeEach
    void openStore() {
        int name = names.incrementAndGet();
        environment = "contract" + name;
        service = ServiceKey.parse("contract/io.example.Stock" + name + ":1.0");
        store = RegistryStore.open(options().build());
        documents = store.documents();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private RegistryOptions.Builder options() {
        return RegistryOptions.builder(address()).environment(environment).application("contract");
    }

    private Registry registry() {
        RegistryOptions options = options().build();
        return ExtensionLoader.of(RegistryFactory.class).get(options.scheme()).create(options);
    }

    /** Whether this store keeps applications' key declarations; one that does not refuses them in words. */
    protected boolean keepsDeclarations() {
        return true;
    }

    @Test
    void declarations_arePublishedPerApplication_andTheNextStartReplacesThem_orAreRefusedInWords() throws Exception {
        DocumentKey shop = DocumentKey.application(environment, "shop");
        assertThat(documents.settings("version: 1\nsettings:\n  shop: {discount-percent: 20}\n"))
                .isEqualTo(Map.of("shop.discount-percent", "20"));
        assertThat(documents.declarations(shop)).isEmpty();
        if (!keepsDeclarations()) {
            assertThatThrownBy(() -> documents.publishDeclarations(shop, "open=false\n"))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("keeps no key declarations");
            return;
        }
        documents.publishDeclarations(shop, "open=false\n0.name=shop.a\n");
        documents.publishDeclarations(shop, "open=false\n0.name=shop.b\n");

        assertThat(documents.declarations(shop)).contains("open=false\n0.name=shop.b\n");
        assertThat(documents.declarations(DocumentKey.application(environment, "web")))
                .isEmpty();
        assertThat(documents.documents(environment))
                .as("declarations are not a document")
                .isEmpty();
        assertThatThrownBy(() -> documents.publishDeclarations(DocumentKey.service(environment, service), "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static DocumentVersion version(long number, String text) {
        return new DocumentVersion(number, "alice", WHEN, "change " + number, text);
    }

    private static String retries(int retries) {
        return "version: 1\nretries: " + retries + "\n";
    }

    @Test
    void writes_makeVersions_andTheLatestIsInForce() {
        DocumentKey key = DocumentKey.application(environment, "shop");
        assertThat(documents.current(key)).isEmpty();

        documents.write(key, version(1, retries(1)), 10);
        documents.write(key, version(2, retries(2)), 10);

        assertThat(documents.current(key)).contains(version(2, retries(2)));
        assertThat(documents.version(key, 1)).contains(version(1, retries(1)));
        assertThat(documents.version(key, 3)).isEmpty();
        assertThat(documents.versions(key)).containsExactly(1L, 2L);
    }

    @Test
    void write_thatDoesNotFollowTheLatestVersion_isAConflict_andWritesNothing() {
        DocumentKey key = DocumentKey.service(environment, service);
        documents.write(key, version(1, retries(1)), 10);

        assertThatThrownBy(() -> documents.write(key, version(1, retries(5)), 10))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.expected()).isZero();
                    assertThat(e.actual()).isEqualTo(1);
                });
        assertThatThrownBy(() -> documents.write(key, version(3, retries(5)), 10))
                .isInstanceOf(VersionConflictException.class);
        assertThat(documents.current(key).orElseThrow().text()).isEqualTo(retries(1));
        assertThat(documents.versions(key)).containsExactly(1L);
    }

    @Test
    void racingWriters_ofTheSameVersion_oneWins() throws Exception {
        DocumentKey key = DocumentKey.application(environment, "raced");
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int writer = i;
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        documents.write(key, version(1, retries(writer)), 10);
                        return true;
                    } catch (VersionConflictException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> outcome : outcomes) {
                won += outcome.get() ? 1 : 0;
            }

            assertThat(won).isEqualTo(1);
            assertThat(documents.versions(key)).containsExactly(1L);
            assertThat(documents.current(key).orElseThrow().text())
                    .isEqualTo(documents.version(key, 1).orElseThrow().text());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void history_keepsTheLastN_andNumbersAreNeverReused() {
        DocumentKey key = DocumentKey.application(environment, "shop");
        for (int i = 1; i <= 5; i++) {
            documents.write(key, version(i, retries(i)), 3);
        }

        assertThat(documents.versions(key)).containsExactly(3L, 4L, 5L);
        assertThat(documents.version(key, 2)).isEmpty();
        assertThatThrownBy(() -> documents.write(key, version(3, retries(9)), 3))
                .isInstanceOf(VersionConflictException.class);
    }

    @Test
    void listings_showEnvironmentsAndTheirDocuments_applicationsFirst() {
        documents.write(DocumentKey.service(environment, service), version(1, retries(1)), 10);
        documents.write(DocumentKey.application(environment, "web"), version(1, retries(1)), 10);
        documents.write(DocumentKey.application(environment, "batch"), version(1, retries(1)), 10);

        assertThat(documents.documents(environment))
                .containsExactly(
                        DocumentKey.application(environment, "batch"),
                        DocumentKey.application(environment, "web"),
                        DocumentKey.service(environment, service));
        assertThat(documents.environments()).contains(environment);
        assertThat(documents.documents(environment + "-empty")).isEmpty();
        assertThat(documents.current(DocumentKey.application(environment + "-empty", "web")))
                .isEmpty();
    }

    @Test
    void parse_readsAsTheApplicationsDo() throws Exception {
        assertThat(documents.parse("")).isEqualTo(DynamicConfig.EMPTY);
        assertThat(documents
                        .parse("version: 1\nweights: {\"127.0.0.1:20880\": 0}\n")
                        .weights())
                .containsEntry(Endpoint.of("127.0.0.1", 20880), 0);

        assertThatThrownBy(() -> documents.parse("version: 1\ntimeout: 5\n"))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("config.timeout");
        // a live field is its configuration key: the key's range and message, the field as the origin
        Throwable keySays = catchThrowable(
                () -> LiveKeys.RETRIES.parse("101", LiveKeys.RETRIES.name(), "document field config.retries"));
        assertThatThrownBy(() -> documents.parse("version: 1\nretries: 101\n"))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessage(keySays.getMessage());
        assertThat(documents.parse("version: 1\ntimeout-millis: 800\n"))
                .isEqualTo(documents.parse("version: 1\ntimeoutMillis: 800\n"));
        assertThatThrownBy(() -> documents.parse("version: 1\nweights: !!javax.script.ScriptEngineManager []\n"))
                .isInstanceOf(InvalidDocumentException.class);
        assertThatThrownBy(() -> documents.parse("x".repeat(DocumentStore.MAX_DOCUMENT_CHARS + 1)))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining(String.valueOf(DocumentStore.MAX_DOCUMENT_CHARS));
    }

    @Test
    void watch_deliversTheTextInForce_thenEveryChange_untilClosed() throws Exception {
        DocumentKey key = DocumentKey.service(environment, service);
        documents.write(key, version(1, retries(1)), 10);
        List<String> seen = new CopyOnWriteArrayList<>();

        AutoCloseable watch = documents.watch(key, seen::add);
        await().atMost(WAIT).until(() -> seen.equals(List.of(retries(1))));
        documents.write(key, version(2, retries(2)), 10);
        await().atMost(WAIT).until(() -> seen.equals(List.of(retries(1), retries(2))));
        watch.close();
        documents.write(key, version(3, retries(3)), 10);

        DocumentKey other = DocumentKey.application(environment, "marker");
        List<String> marker = new CopyOnWriteArrayList<>();
        try (AutoCloseable after = documents.watch(other, marker::add)) {
            documents.write(other, version(1, retries(1)), 10);
            await().atMost(WAIT).until(() -> marker.contains(retries(1)));
        }
        // the marker's change came after the third write: a delivery of it would have arrived by now
        assertThat(seen).containsExactly(retries(1), retries(2));
    }

    @Test
    void watch_ofAMissingDocument_deliversTheEmptyText() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable watch = documents.watch(DocumentKey.application(environment, "nobody"), seen::add)) {
            await().atMost(WAIT).until(() -> seen.equals(List.of("")));
        }
    }

    @Test
    void documentsWritten_areTheOnesTheRegistryServes() throws Exception {
        Endpoint drained = Endpoint.of("127.0.0.1", 20880);
        List<DynamicConfig> delivered = new CopyOnWriteArrayList<>();
        try (Registry registry = registry()) {
            registry.watchConfig(service, delivered::add);
            documents.write(
                    DocumentKey.service(environment, service),
                    version(1, "version: 1\nweights: {\"" + drained + "\": 0}\n"),
                    10);

            await().atMost(WAIT)
                    .until(() -> !delivered.isEmpty()
                            && Map.of(drained, 0)
                                    .equals(delivered.get(delivered.size() - 1).weights()));
        }
    }

    @Test
    void catalog_showsWhatTheRegistryRegistered() {
        RegistryCatalog catalog = store.catalog();
        ServiceInstance second = ServiceInstance.builder(service, Endpoint.of("127.0.0.1", 20882))
                .application("stock")
                .build();
        ServiceInstance first = ServiceInstance.builder(service, Endpoint.of("127.0.0.1", 20881))
                .application("stock")
                .weight(50)
                .build();
        try (Registry provider = registry();
                Registry consumer = registry()) {
            provider.register(second);
            provider.register(first);
            Consumer<List<ServiceInstance>> ignored = list -> {};
            consumer.subscribe(service, ignored);

            await().atMost(WAIT).until(() -> catalog.providers(service).size() == 2);
            assertThat(catalog.providers(service)).containsExactly(first, second);
            assertThat(catalog.services()).contains(service);
            await().atMost(WAIT).until(() -> catalog.consumers(service).size() == 1);
            assertThat(catalog.consumers(service).get(0).application()).isEqualTo("contract");
        }
        assertThat(catalog.providers(ServiceKey.parse("io.example.Nobody"))).isEmpty();
        assertThat(catalog.consumers(ServiceKey.parse("io.example.Nobody"))).isEmpty();
    }

    @Test
    void closedStore_refusesCalls() {
        RegistryStore other = RegistryStore.open(options().build());
        DocumentStore closed = other.documents();
        other.close();
        other.close(); // idempotent

        assertThatThrownBy(() -> closed.current(DocumentKey.application(environment, "shop")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> other.catalog().services()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unknownScheme_isRefused_namingTheSchemesServed() {
        assertThatThrownBy(() -> RegistryStore.open(
                        RegistryOptions.builder("nowhere://127.0.0.1:1").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nowhere://127.0.0.1:1")
                .hasMessageContaining(address().substring(0, address().indexOf("://")));
    }
}

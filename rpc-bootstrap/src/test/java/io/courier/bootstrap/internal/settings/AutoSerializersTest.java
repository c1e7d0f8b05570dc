package io.courier.bootstrap.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.ServiceOptions;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.Environments;
import io.courier.bootstrap.fixtures.catalog.Catalog;
import io.courier.bootstrap.fixtures.catalog.CatalogProvider;
import io.courier.bootstrap.fixtures.catalog.EchoingCatalog;
import io.courier.bootstrap.fixtures.catalog.Item;
import io.courier.bootstrap.fixtures.catalog.OpenCatalog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The default {@code auto} serializer: fory where the provider takes it, protostuff for a provider
 * that does not list fory, and a value fory cannot write carried inside the fory session.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AutoSerializersTest {

    @Test
    void auto_isForyThenProtostuffThenMsgpack_andExplicitNamesStayAsGiven() {
        assertThat(AutoSerializers.expand(List.of("auto", "json")))
                .containsExactly("fory", "protostuff", "msgpack", "json");
        assertThat(AutoSerializers.expand(List.of("protostuff", "auto")))
                .as("no name twice, the order given kept")
                .containsExactly("protostuff", "fory", "msgpack");
        assertThat(AutoSerializers.expand(List.of("hessian"))).containsExactly("hessian");
    }

    @Test
    void consumer_writesTheFirstChoiceTheInstanceLists_orTheFirstOfAllWhenItListsNone() {
        List<String> choices = List.of("fory", "protostuff");

        assertThat(AutoSerializers.choiceFor(instance(List.of("fory", "protostuff", "json")), choices))
                .isZero();
        assertThat(AutoSerializers.choiceFor(instance(List.of("protostuff", "json")), choices))
                .isEqualTo(1);
        assertThat(AutoSerializers.choiceFor(instance(List.of()), choices)).isZero();
        assertThat(AutoSerializers.choiceFor(instance(List.of("hessian")), choices))
                .isZero();
    }

    @Test
    void whileForyBinds_theNextChoiceTheInstanceLists_noneForADirectAddress() {
        List<String> choices = List.of("fory", "protostuff");

        assertThat(AutoSerializers.whileNotReady(instance(List.of("fory", "protostuff", "json")), choices, 0))
                .isEqualTo(1);
        assertThat(AutoSerializers.whileNotReady(instance(List.of("fory", "json")), choices, 0))
                .as("a provider of fory only: the call waits for the binding")
                .isEqualTo(-1);
        assertThat(AutoSerializers.whileNotReady(instance(List.of()), choices, 0))
                .as("a direct address: its list is not known")
                .isEqualTo(-1);
        assertThat(AutoSerializers.whileNotReady(instance(List.of("protostuff")), choices, 1))
                .isEqualTo(-1);
    }

    @Test
    void onlyForyStandingForAuto_isBoundInTheBackground() {
        assertThat(AutoSerializers.preparedInBackground(List.of("auto", "json"), "fory"))
                .isTrue();
        assertThat(AutoSerializers.preparedInBackground(List.of("auto"), "protostuff"))
                .isFalse();
        assertThat(AutoSerializers.preparedInBackground(List.of("fory", "auto"), "fory"))
                .as("named: bound before export or refer returns, failing them if it cannot")
                .isFalse();
        assertThat(AutoSerializers.preparedInBackground(List.of("fory"), "fory"))
                .isFalse();
    }

    @Test
    void defaultsOnBothSides_overTheRegistry_answerAtOnce_andKeepAnsweringOnceForyIsBound() throws Exception {
        try (Courier provider = Environments.embedded("auto-provider")
                        .export(new CatalogProvider())
                        .start();
                Courier consumer = Environments.embedded("auto-consumer-2").start()) {
            Catalog catalog = consumer.reference(Catalog.class);

            // the first calls go in protostuff while fory binds (from 1 s after export and refer)
            assertThat(catalog.find(11)).isEqualTo(Catalog.sample(11));
            // then in fory: calls keep answering through the switch
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            int calls = 0;
            while (System.nanoTime() < until) {
                assertThat(catalog.find(calls)).isEqualTo(Catalog.sample(calls));
                calls++;
            }
            assertThat(calls).isPositive();
        }
    }

    @Test
    void defaultConsumer_writesForyToADirectAddress_whichAProviderOfForyOnlyServes() {
        try (Courier provider = Environments.builder()
                        .export(new CatalogProvider(), only("fory"))
                        .start();
                Courier consumer = Environments.builder().start()) {
            Catalog catalog = consumer.reference(Catalog.class, direct(provider));

            assertThat(catalog.find(7)).isEqualTo(Catalog.sample(7));
        }
    }

    @Test
    void defaultConsumer_writesProtostuffToAProviderThatDoesNotListFory() {
        try (Courier provider = Environments.embedded("protostuff-provider")
                        .export(new CatalogProvider(), only("protostuff"))
                        .start();
                Courier consumer = Environments.embedded("auto-consumer").start()) {
            Catalog catalog = consumer.reference(Catalog.class);

            // an answer at all means protostuff: the provider refuses fory unread
            await().atMost(Duration.ofSeconds(15))
                    .ignoreException(RpcException.class)
                    .until(() -> Catalog.sample(8).equals(catalog.find(8)));
        }
    }

    @Test
    void defaultsOnBothSides_carryAValueOfAClassForyDoesNotRegister_asProtostuffInsideTheForySession() {
        // Item is not reachable from OpenCatalog, so fory has no registration for it; the allowed
        // package lets protostuff read it on both sides
        String fixtures = Item.class.getPackageName();
        try (Courier provider = Environments.builder()
                        .property("courier.serialization.allowed-packages", fixtures)
                        .export(new EchoingCatalog(), only("fory"))
                        .start();
                Courier consumer = Environments.builder()
                        .property("courier.serialization.allowed-packages", fixtures)
                        .start()) {
            OpenCatalog catalog = consumer.reference(OpenCatalog.class, direct(provider));
            Item item = Catalog.sample(9);

            // the provider takes fory only: the request and the answer are fory sessions
            assertThat(catalog.describe(item)).isEqualTo(item);
        }
    }

    @Test
    void msgpack_isChosenByAReferenceThatNamesIt_andUnderAutoByAProviderThatListsOnlyIt() {
        try (Courier provider = Environments.embedded("msgpack-provider")
                        .export(new CatalogProvider(), only("msgpack"))
                        .start();
                Courier direct = Environments.builder().start();
                Courier consumer = Environments.embedded("msgpack-consumer").start()) {
            Catalog named = direct.reference(
                    Catalog.class,
                    ReferenceOptions.builder()
                            .serializer("msgpack")
                            .directEndpoints(List.of(Endpoint.of("127.0.0.1", provider.port())))
                            .build());
            assertThat(named.find(12)).isEqualTo(Catalog.sample(12));

            // over the registry, auto reads the provider's list: msgpack, its last choice
            Catalog negotiated = consumer.reference(Catalog.class);
            await().atMost(Duration.ofSeconds(15))
                    .ignoreException(RpcException.class)
                    .until(() -> Catalog.sample(13).equals(negotiated.find(13)));
        }
    }

    @Test
    void providerOfProtostuffOnly_refusesADirectForyRequestUnexecuted() {
        try (Courier provider = Environments.builder()
                        .export(new CatalogProvider(), only("protostuff"))
                        .start();
                Courier consumer = Environments.builder().start()) {
            Catalog catalog = consumer.reference(Catalog.class, direct(provider));

            assertThatThrownBy(() -> catalog.find(10)).isInstanceOfSatisfying(RpcException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                assertThat(e.getMessage()).contains("serializer id 4 is not accepted");
                assertThat(e.notExecuted()).isTrue();
            });
        }
    }

    private static ServiceOptions only(String serializer) {
        return ServiceOptions.builder().serializers(List.of(serializer)).build();
    }

    private static ReferenceOptions direct(Courier provider) {
        return ReferenceOptions.builder()
                .directEndpoints(List.of(Endpoint.of("127.0.0.1", provider.port())))
                .build();
    }

    private static ServiceInstance instance(List<String> serializers) {
        return ServiceInstance.builder(ServiceKey.of(Catalog.class), Endpoint.of("127.0.0.1", 1))
                .serializers(serializers)
                .build();
    }
}

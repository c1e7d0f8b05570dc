package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.ErrorCode;
import io.courier.api.Reference;
import io.courier.api.RpcException;
import io.courier.bootstrap.fixtures.calls.CallService;
import io.courier.bootstrap.fixtures.calls.RecordingCallService;
import io.courier.bootstrap.fixtures.greeting.FriendlyGreeter;
import io.courier.bootstrap.fixtures.relay.RelayService;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code @Reference} fields, their attributes and the configuration keys they override. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InjectionTest {

    private static final String URL_KEY = "courier.service." + CallService.class.getName() + ".url";
    private static final String TIMEOUT_KEY = "courier.service." + CallService.class.getName() + ".timeout-millis";

    private final RecordingCallService service = new RecordingCallService();
    private Courier provider;
    private Courier consumer;

    @BeforeEach
    void start() {
        provider = Environments.builder().export(service).start();
    }

    @AfterEach
    void stop() {
        service.releaseAll();
        if (consumer != null) {
            consumer.close();
        }
        provider.close();
    }

    private String url() {
        return "courier://127.0.0.1:" + provider.port();
    }

    @Test
    void inject_fillsReferenceFields_includingInheritedOnes_fromThePerServiceUrlKey() {
        consumer = Environments.builder().property(URL_KEY, url()).start();

        Client client = consumer.inject(new Client());

        assertThat(client.calls.echo("hi")).isEqualTo("hi");
        assertThat(client.inherited).isSameAs(client.calls);
        assertThat(client.fast).isNotSameAs(client.calls);
    }

    @Test
    void annotationAttribute_beatsThePerServiceKey() throws Exception {
        consumer = Environments.builder()
                .property(URL_KEY, url())
                .property(TIMEOUT_KEY, "30000")
                .start();
        Client client = consumer.inject(new Client());

        CompletableFuture<String> configured = client.calls.later("waits");
        CompletableFuture<String> annotated = client.fast.later("times out");

        assertThatThrownBy(() -> annotated.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
        assertThat(configured).isNotDone();
        // Under load the first call may still be on its way when the second has timed out:
        // release it only once it waits at the provider, or nothing would ever answer it.
        await().atMost(Duration.ofSeconds(10)).until(() -> service.isPending("waits"));
        service.releaseAll();
        assertThat(configured.get(10, TimeUnit.SECONDS)).isEqualTo("done waits");
    }

    @Test
    void inject_withAFieldOfClassType_failsNamingTheField_andSetsNothing() {
        consumer = Environments.builder().property(URL_KEY, url()).start();
        Mixed mixed = new Mixed();

        assertThatThrownBy(() -> consumer.inject(mixed))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("@Reference on field " + Mixed.class.getName() + ".greeter: type "
                        + FriendlyGreeter.class.getName() + " is not an interface (expected: the service interface)");
        assertThat(mixed.calls).isNull();
    }

    @Test
    void referenceWithoutRegistryOrAddress_failsNamingTheWayOut() {
        consumer = Environments.builder().start();

        assertThatThrownBy(() -> consumer.reference(CallService.class))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no way to find providers of " + CallService.class.getName())
                .hasMessageContaining("courier.registry.address");
    }

    @Test
    void referenceToAClass_fails() {
        consumer = Environments.builder().start();

        assertThatThrownBy(() -> consumer.reference(FriendlyGreeter.class))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("type " + FriendlyGreeter.class.getName() + " is not an interface");
    }

    @Test
    void exportedServiceWithReferences_isInjectedBeforeItServes() {
        try (Courier relay = Environments.builder()
                .property(URL_KEY, url())
                .scan("io.courier.bootstrap.fixtures.relay")
                .start()) {
            consumer = Environments.builder()
                    .property(
                            "courier.service." + RelayService.class.getName() + ".url",
                            "courier://127.0.0.1:" + relay.port())
                    .start();

            assertThat(consumer.reference(RelayService.class).relay("x")).isEqualTo("relayed x");
        }
    }

    static class Base {
        @Reference
        CallService inherited;
    }

    static final class Client extends Base {
        @Reference
        CallService calls;

        @Reference(timeoutMillis = 150)
        CallService fast;
    }

    static final class Mixed {
        @Reference
        CallService calls;

        @Reference
        FriendlyGreeter greeter;
    }
}

package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.Reference;
import io.courier.api.RpcException;
import io.courier.bootstrap.config.ServerKeys;
import io.courier.bootstrap.fixtures.calls.CallService;
import io.courier.bootstrap.fixtures.calls.RecordingCallService;
import io.courier.bootstrap.internal.config.ConfigLoader;
import io.courier.bootstrap.internal.config.Settings;
import io.courier.bootstrap.status.CourierStatus;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The seams integrations use: a host's key source, a reference from annotation attributes, the status. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigSourceTest {

    @Test
    void source_replacesSystemPropertiesAndEnvironment_andComesAfterTheBuilder() {
        ConfigSource source = new MapSource(Map.of("courier.server.port", "2005", "courier.server.threads", "9"));

        Settings settings = new ConfigLoader(
                        new HashMap<>(Map.of("courier.server.threads", "3")),
                        source,
                        Map.of("courier.server.port", "2003"),
                        Map.of("COURIER_SERVER_IO_THREADS", "5"),
                        new URLClassLoader(new URL[0], null),
                        Set.of())
                .load();

        assertThat(settings.get(ServerKeys.SERVER_PORT)).isEqualTo(2005);
        assertThat(settings.get(ServerKeys.SERVER_THREADS)).isEqualTo(3);
        assertThat(settings.isSet(ServerKeys.SERVER_IO_THREADS)).isFalse();
        assertThat(settings.origin("courier.server.port")).isEqualTo("test source courier.server.port");
    }

    @Test
    void source_aKnownKeyFoundUnderAnotherSpelling_isRead() {
        ConfigSource source = new MapSource(Map.of()) {
            @Override
            public String text(String key) {
                return key.equals("courier.server.io-threads") ? "4" : null;
            }
        };

        Settings settings = loadWith(source);

        assertThat(settings.get(ServerKeys.SERVER_IO_THREADS)).isEqualTo(4);
    }

    @Test
    void source_badValuesAndUnknownKeys_areReportedWithTheSourcesOrigin() {
        ConfigSource source = new MapSource(Map.of("courier.server.port", "abc", "courier.server.prot", "1"));

        assertThatThrownBy(() -> loadWith(source))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "courier.server.port: 'abc' (expected: an integer 0 to 65535)"
                                        + " [test source courier.server.port]",
                                "courier.server.prot: unknown key (value '1'; expected: a key listed in"
                                        + " docs/configuration.md; did you mean courier.server.port?)"
                                        + " [test source courier.server.prot]"));
    }

    @Test
    void referenceFromAttributes_appliesThemOverConfiguration_sharesTheProxy_andShowsInTheStatus()
            throws NoSuchMethodException {
        Reference attributes = ConfigSourceTest.class
                .getDeclaredMethod("annotated", CallService.class)
                .getParameters()[0]
                .getAnnotation(Reference.class);
        Courier provider = Environments.embedded("status-provider")
                .export(new RecordingCallService())
                .start();
        Courier consumer = Environments.embedded("status-consumer").start();
        try {
            CallService first = consumer.reference(CallService.class, attributes, "first");
            CallService second = consumer.reference(CallService.class, attributes, "second");

            assertThat(first).isSameAs(second);
            assertThat(first).isNotSameAs(consumer.reference(CallService.class));
            await().atMost(Duration.ofSeconds(20))
                    .ignoreException(RpcException.class)
                    .until(() -> "x".equals(first.echo("x")));
            CourierStatus status = consumer.status();
            assertThat(status.registry()).isEqualTo(CourierStatus.RegistryState.CONNECTED);
            assertThat(status.references()).hasSize(2).allSatisfy(reference -> {
                assertThat(reference.serviceInterface()).isEqualTo(CallService.class.getName());
                assertThat(reference.providers()).isEqualTo(1);
                assertThat(reference.direct()).isFalse();
            });
            assertThat(provider.status().services())
                    .extracting(Object::toString)
                    .containsExactly(CallService.class.getName());
            assertThatThrownBy(() -> consumer.reference(RecordingCallService.class, attributes, "where"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(
                            "where: type " + RecordingCallService.class.getName() + " is not an interface");
        } finally {
            consumer.close();
            provider.close();
        }
        assertThat(consumer.status().closed()).isTrue();
        assertThat(consumer.status().registry()).isEqualTo(CourierStatus.RegistryState.DISCONNECTED);
    }

    @Test
    void status_withoutARegistry_saysNone() {
        Courier courier = Environments.builder().start();
        try {
            assertThat(courier.status().registry()).isEqualTo(CourierStatus.RegistryState.NONE);
            assertThat(courier.status().services()).isEmpty();
        } finally {
            courier.close();
        }
    }

    @SuppressWarnings("unused")
    private static void annotated(@Reference(retries = 0) CallService calls) {}

    private static Settings loadWith(ConfigSource source) {
        return new ConfigLoader(
                        new HashMap<>(), source, Map.of(), Map.of(), new URLClassLoader(new URL[0], null), Set.of())
                .load();
    }

    /** A source over a map; the origin names the key. */
    private static class MapSource implements ConfigSource {
        private final Map<String, String> entries;

        MapSource(Map<String, String> entries) {
            this.entries = entries;
        }

        @Override
        public Collection<String> names() {
            return entries.keySet();
        }

        @Override
        public String text(String key) {
            return entries.get(key);
        }

        @Override
        public String origin(String key) {
            return "test source " + key;
        }
    }
}

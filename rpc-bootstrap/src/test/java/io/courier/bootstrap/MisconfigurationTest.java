package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.bootstrap.fixtures.greeting.FriendlyGreeter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A wrong start-up fails with a message naming the problem and leaves nothing running. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MisconfigurationTest {

    @Test
    void unknownKey_failsStartNamingKeyAndValue_andLeavesNothingBehind() {
        Leftovers leftovers = Leftovers.snapshot();
        int port = Leftovers.freePort();

        assertThatThrownBy(() -> Courier.builder(Environments.of(Map.of("courier.server.prot", "1"), Map.of()))
                        .shutdownHook(false)
                        .port(port)
                        .export(new FriendlyGreeter())
                        .start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("courier.server.prot: unknown key (value '1'")
                .hasMessageContaining("did you mean courier.server.port?");

        leftovers.assertNoNewThreads();
        Leftovers.assertPortFree(port);
    }

    @Test
    void badPort_failsStartNamingKeyValueAndRange_andLeavesNothingBehind() {
        Leftovers leftovers = Leftovers.snapshot();

        assertThatThrownBy(() -> Environments.builder()
                        .port(70_000)
                        .export(new FriendlyGreeter())
                        .start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("courier.server.port: '70000' (expected: an integer 0 to 65535) [builder]");
        assertThatThrownBy(() -> Courier.builder(Environments.of(Map.of(), Map.of("COURIER_SERVER_PORT", "abc")))
                        .shutdownHook(false)
                        .start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("courier.server.port: 'abc' (expected: an integer 0 to 65535) "
                        + "[environment variable COURIER_SERVER_PORT]");

        leftovers.assertNoNewThreads();
    }

    @Test
    void referenceToAClass_failsStartNamingTheField_andLeavesNothingBehind() {
        Leftovers leftovers = Leftovers.snapshot();
        int port = Leftovers.freePort();

        assertThatThrownBy(() -> Environments.builder()
                        .port(port)
                        .scan("io.courier.bootstrap.fixtures.badreference")
                        .start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("@Reference on field io.courier.bootstrap.fixtures.badreference.Shop.greeter:"
                        + " type io.courier.bootstrap.fixtures.greeting.FriendlyGreeter is not an interface"
                        + " (expected: the service interface)");

        leftovers.assertNoNewThreads();
        Leftovers.assertPortFree(port);
    }

    @Test
    void twoExportsOfOneServiceKey_failStartNamingBothClasses_andLeaveNothingBehind() {
        Leftovers leftovers = Leftovers.snapshot();
        int port = Leftovers.freePort();

        assertThatThrownBy(() -> Environments.builder()
                        .port(port)
                        .scan("io.courier.bootstrap.fixtures.duplicate")
                        .start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("service io.courier.bootstrap.fixtures.greeting.Greeter is exported twice, by"
                        + " io.courier.bootstrap.fixtures.duplicate.FirstGreeter and"
                        + " io.courier.bootstrap.fixtures.duplicate.SecondGreeter");

        leftovers.assertNoNewThreads();
        Leftovers.assertPortFree(port);
    }

    @Test
    void scannedAndAddedExportOfOneKey_alsoConflict() {
        assertThatThrownBy(() -> Environments.builder()
                        .scan("io.courier.bootstrap.fixtures.greeting")
                        .export(new FriendlyGreeter())
                        .start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is exported twice");
    }

    @Test
    void exportOfAClassWithSeveralInterfaces_asksWhichOne() {
        assertThatThrownBy(() -> Environments.builder().export(new TwoFaced()).start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(TwoFaced.class.getName() + " implements the interfaces")
                .hasMessageContaining("expected: exactly one, or @Export(SomeService.class)");
    }

    @Test
    void invalidAnnotationAttribute_namesTheClassAndAttribute() {
        assertThatThrownBy(
                        () -> Environments.builder().export(new HeavyGreeter()).start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "@Export on " + HeavyGreeter.class.getName() + ": weight = 20000 (expected: 1 to 10000)");
        assertThat(new HeavyGreeter().greet("x")).isEqualTo("x");
    }

    @Test
    void unknownExtensions_failStartNamingKeyValueAndWhatIsInstalled() {
        Leftovers leftovers = Leftovers.snapshot();

        assertThatThrownBy(() -> Environments.builder().proxy("cglib").start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("courier.proxy: 'cglib' (expected: one of the ProxyFactory extensions on the"
                        + " class path: javassist, jdk)");
        assertThatThrownBy(() ->
                        Environments.builder().registry("etcd://127.0.0.1:2379").start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("courier.registry.address: 'etcd://127.0.0.1:2379' (expected: embedded, or an"
                        + " address whose scheme is a RegistryFactory extension on the class path: embedded,"
                        + " zookeeper)");

        leftovers.assertNoNewThreads();
    }

    static final class TwoFaced implements Runnable, Comparable<TwoFaced> {
        @Override
        public void run() {}

        @Override
        public int compareTo(TwoFaced other) {
            return 0;
        }
    }

    @io.courier.api.Export(weight = 20_000)
    static final class HeavyGreeter implements io.courier.bootstrap.fixtures.greeting.Greeter {
        @Override
        public String greet(String name) {
            return name;
        }
    }
}

package io.courier.registry.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.registry.RegistryFactory;
import io.courier.api.registry.RegistryOptions;
import io.courier.spi.ExtensionLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class EtcdRegistryFactoryTest {

    @Test
    void etcdScheme_selectsThisFactory_throughTheServiceFile() {
        RegistryOptions options =
                RegistryOptions.builder("etcd://127.0.0.1:2379").build();
        assertThat(ExtensionLoader.of(RegistryFactory.class).get(options.scheme()))
                .isInstanceOf(EtcdRegistryFactory.class);
    }

    @Test
    void address_becomesOneGrpcTargetPerMember() {
        assertThat(EtcdRegistryFactory.endpoints("etcd://127.0.0.1:2379, 127.0.0.1:22379,[::1]:2379"))
                .containsExactly("http://127.0.0.1:2379", "http://127.0.0.1:22379", "http://[::1]:2379");
    }

    @Test
    void malformedAddresses_areRefusedWithTheExpectedForm() {
        for (String address : new String[] {"etcd://", "zookeeper://h:1", "etcd://h", "etcd://h:1,", "etcd://h:x"}) {
            assertThatThrownBy(() -> EtcdRegistryFactory.endpoints(address))
                    .as(address)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + address + "'")
                    .hasMessageContaining("expected: etcd://host:port[,host:port...]");
        }
    }

    @Test
    void digestAuth_isRefused_ratherThanIgnored() {
        RegistryOptions options = RegistryOptions.builder("etcd://127.0.0.1:1")
                .digestAuth("user:secret")
                .build();
        assertThatThrownBy(() -> new EtcdRegistryFactory().create(options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("digestAuth")
                .hasMessageNotContaining("secret");
    }

    @Test
    void leaseTtl_isTheSessionTimeoutRoundedUpToSeconds() {
        assertThat(EtcdRegistry.ttlSeconds(30_000)).isEqualTo(30);
        assertThat(EtcdRegistry.ttlSeconds(2_001)).isEqualTo(3);
        assertThat(EtcdRegistry.ttlSeconds(1)).isEqualTo(1);
    }

    @Test
    void missingEtcd_skipsOnADevelopersMachine_butFailsUnderCi() {
        Path missing = Path.of("/nonexistent/etcd");
        assertThatThrownBy(() -> EtcdServer.requireBinary(missing, null)).isInstanceOf(TestAbortedException.class);
        assertThatThrownBy(() -> EtcdServer.requireBinary(missing, "false")).isInstanceOf(TestAbortedException.class);
        assertThatThrownBy(() -> EtcdServer.requireBinary(missing, "true"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("etcd-server")
                .hasMessageContaining("CI=true");
    }
}

package io.courier.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConsoleOptionsTest {

    private static ConsoleOptions.Builder valid() {
        return ConsoleOptions.builder().zookeeper("127.0.0.1:2181").token("sixteen-chars-ok");
    }

    @Test
    void defaults_bindToLoopback_onTheDefaultRootAndEnvironment() {
        ConsoleOptions options = valid().build();

        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(8090);
        assertThat(options.centre().root()).isEqualTo("/courier");
        assertThat(options.centre().environment()).isEqualTo("default");
    }

    @Test
    void badValues_areRefusedNamingValueAndExpectation() {
        assertThatThrownBy(() -> valid().zookeeper("zk").build())
                .hasMessage("zookeeper: 'zk' (expected: host:port[,host:port], e.g. 127.0.0.1:2181)");
        assertThatThrownBy(() -> valid().token("short").build())
                .hasMessage("token: 5 characters (expected: at least 16)");
        assertThatThrownBy(() -> valid().port(70_000).build()).hasMessage("port: 70000 (expected: 0 to 65535)");
        assertThatThrownBy(() -> valid().host(" ").build()).hasMessageStartingWith("host: ''");
        assertThatThrownBy(() -> valid().root("courier").build()).hasMessageStartingWith("root: 'courier'");
        assertThatThrownBy(() -> valid().environment("no/slash").build()).hasMessageContaining("no/slash");
        assertThatThrownBy(() -> valid().historySize(0).build()).hasMessageStartingWith("historySize: 0");
        assertThatThrownBy(() -> valid().adminEndpoints(java.util.List.of("127.0.0.1:9090", "evil/x:80"))
                        .build())
                .hasMessage("adminEndpoints: 'evil/x:80' (expected: host:port)");
        assertThat(valid().adminEndpoints(java.util.List.of("127.0.0.1:9090"))
                        .build()
                        .adminEndpoints())
                .containsExactly("127.0.0.1:9090");
    }

    @Test
    void registry_isAnAddressWithAScheme_andTheEnsembleAloneMeansZooKeeper() {
        assertThat(valid().build().registry()).isEqualTo("zookeeper://127.0.0.1:2181");
        assertThat(valid().registry("etcd://127.0.0.1:2379").build().registry()).isEqualTo("etcd://127.0.0.1:2379");
        assertThatThrownBy(() -> valid().registry("127.0.0.1:2181").build())
                .hasMessage(
                        "registry: '127.0.0.1:2181' (expected: <scheme>://<address>, e.g. zookeeper://127.0.0.1:2181)");
        assertThatThrownBy(() -> valid().registry("zookeeper://zk").build()).hasMessageStartingWith("zookeeper: 'zk'");
    }
}

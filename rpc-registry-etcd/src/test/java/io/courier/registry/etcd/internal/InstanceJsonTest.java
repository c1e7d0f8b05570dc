package io.courier.registry.etcd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.registry.etcd.internal.client.KeyLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InstanceJsonTest {

    /** A provider node's data as the ZooKeeper registry writes it (docs/registry.md, "Node data"). */
    private static final String ZOOKEEPER_NODE =
            "{\"format\":1,\"serviceKey\":\"g/a.B:1.0\",\"endpoint\":\"10.0.0.1:20880\","
                    + "\"application\":\"shop\",\"weight\":100,\"tags\":[\"canary\"],\"startedAtMillis\":1700000000000,"
                    + "\"warmupMillis\":60000,\"serializers\":[\"protostuff\"],\"methods\":[\"find(J)\"],\"protocolVersion\":1,"
                    + "\"metadata\":{}}";

    private static final ServiceInstance INSTANCE = ServiceInstance.builder(
                    ServiceKey.parse("g/a.B:1.0"), Endpoint.parse("10.0.0.1:20880"))
            .application("shop")
            .tags(Set.of("canary"))
            .startedAtMillis(1700000000000L)
            .warmupMillis(60000)
            .serializers(List.of("protostuff"))
            .methods(List.of("find(J)"))
            .build();

    @Test
    void encoding_isTheZooKeeperRegistrysFormat1() {
        assertThat(new String(InstanceJson.encode(INSTANCE), StandardCharsets.UTF_8))
                .isEqualTo(ZOOKEEPER_NODE);
        assertThat(InstanceJson.decode(ZOOKEEPER_NODE.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(INSTANCE);
    }

    @Test
    void equalInstances_encodeToEqualBytes_tagsAndMetadataSorted() {
        ServiceInstance one = INSTANCE.toBuilder()
                .tags(Set.of("b", "a", "c"))
                .metadata(Map.of("z", "1", "a", "2", "m", "3"))
                .build();
        ServiceInstance two = one.toBuilder().build();
        assertThat(InstanceJson.encode(one)).isEqualTo(InstanceJson.encode(two));
        assertThat(new String(InstanceJson.encode(one), StandardCharsets.UTF_8))
                .contains("\"tags\":[\"a\",\"b\",\"c\"]", "\"metadata\":{\"a\":\"2\",\"m\":\"3\",\"z\":\"1\"}");
        assertThat(InstanceJson.decode(InstanceJson.encode(one))).isEqualTo(one);
    }

    @Test
    void unknownFields_areIgnored_unknownFormats_andBadValues_refusedByName() {
        assertThat(InstanceJson.decode(ZOOKEEPER_NODE
                        .replace("{\"format\":1,", "{\"format\":1,\"future\":[1],")
                        .getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(INSTANCE);
        assertThatThrownBy(() -> InstanceJson.decode(
                        ZOOKEEPER_NODE.replace("\"format\":1", "\"format\":2").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("instance.format: 2 (expected: 1)");
        assertThatThrownBy(() -> InstanceJson.decode(ZOOKEEPER_NODE
                        .replace("\"weight\":100", "\"weight\":\"x\"")
                        .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("instance.weight");
        assertThatThrownBy(() -> InstanceJson.decode("[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InstanceJson.decode("{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keys_areTheZooKeeperPaths_percentEncoded() {
        KeyLayout layout = new KeyLayout("/courier");
        assertThat(layout.provider(ServiceKey.parse("blue/io.example.Orders:2.0"), Endpoint.parse("[::1]:80")))
                .isEqualTo("/courier/blue%2Fio.example.Orders:2.0/providers/%5B::1%5D:80");
        assertThat(new KeyLayout("/").providers(ServiceKey.parse("a.B"))).isEqualTo("/a.B/providers/");
        assertThat(KeyLayout.encode("é ü")).isEqualTo("%C3%A9%20%C3%BC");
    }
}

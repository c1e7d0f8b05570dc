package io.courier.registry.zookeeper.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayoutTest {

    private final Layout layout = new Layout("/courier");

    @Test
    void paths_followTheDocumentedLayout() {
        ServiceKey key = ServiceKey.parse("io.example.Orders");
        assertThat(layout.providers(key)).isEqualTo("/courier/io.example.Orders/providers");
        assertThat(layout.provider(key, Endpoint.of("10.0.0.1", 20880)))
                .isEqualTo("/courier/io.example.Orders/providers/10.0.0.1:20880");
        assertThat(layout.consumer(key, "web-1:42:ab")).isEqualTo("/courier/io.example.Orders/consumers/web-1:42:ab");
        assertThat(layout.config(key)).isEqualTo("/courier/io.example.Orders/config");
    }

    @Test
    void dubboLayout_isWrittenOnlyForInstancesThatAskForIt() {
        ServiceKey key = ServiceKey.parse("blue/io.example.Orders:2.0");
        ServiceInstance plain =
                ServiceInstance.builder(key, Endpoint.of("10.0.0.1", 20880)).build();
        assertThat(Layout.dubboProvider(plain)).isNull();
        ServiceInstance dubbo = plain.toBuilder()
                .metadata(Map.of(
                        ServiceInstance.METADATA_DUBBO_URL_PARAMETERS, "interface=io.example.Orders&methods=a,b"))
                .build();
        assertThat(Layout.dubboProvider(dubbo))
                .isEqualTo(
                        "/dubbo/io.example.Orders/providers/"
                                + "dubbo%3A%2F%2F10.0.0.1%3A20880%2Fio.example.Orders%3Finterface%3Dio.example.Orders%26methods%3Da%2Cb");
    }

    @Test
    void serviceKeyWithGroupAndVersion_isOneEncodedSegment() {
        ServiceKey key = ServiceKey.parse("blue/io.example.Orders:2.0");
        assertThat(layout.service(key)).isEqualTo("/courier/blue%2Fio.example.Orders:2.0");
        assertThat(Layout.nodeName(layout.service(key))).isEqualTo(key.toString());
    }

    @Test
    void ipv6Endpoint_roundTripsThroughTheNodeName() {
        Endpoint endpoint = Endpoint.of("::1", 20880);
        String path = layout.provider(ServiceKey.parse("a.B"), endpoint);
        assertThat(path).endsWith("/%5B::1%5D:20880");
        assertThat(Endpoint.parse(Layout.nodeName(path))).isEqualTo(endpoint);
    }

    @Test
    void nonAsciiText_roundTrips() {
        assertThat(Layout.decode(Layout.encode("dienst/ü€😀 x"))).isEqualTo("dienst/ü€😀 x");
    }

    @Test
    void rootSlash_putsServicesAtTheTop() {
        assertThat(new Layout("/").providers(ServiceKey.parse("a.B"))).isEqualTo("/a.B/providers");
    }

    @Test
    void malformedEscape_isRefusedByName() {
        assertThatThrownBy(() -> Layout.decode("10.0.0.1%2")).hasMessageContaining("10.0.0.1%2");
        assertThatThrownBy(() -> Layout.decode("%zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parent_ofAPath() {
        assertThat(Layout.parent("/courier/a/providers/x")).isEqualTo("/courier/a/providers");
        assertThat(Layout.parent("/courier")).isEqualTo("/");
    }
}

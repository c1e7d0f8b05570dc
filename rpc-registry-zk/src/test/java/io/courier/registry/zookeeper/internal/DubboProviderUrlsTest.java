package io.courier.registry.zookeeper.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which of Dubbo's provider nodes a Courier consumer calls, and what it knows of each. */
class DubboProviderUrlsTest {

    private static final ServiceKey PLAIN = new ServiceKey("", "com.example.Accounts", "");
    private static final ServiceKey BLUE_V2 = new ServiceKey("blue", "com.example.Accounts", "2.0");

    @Test
    void aStockProviderUrl_becomesAnInstanceCalledOverDubbo() {
        ServiceInstance instance = DubboProviderUrls.parse(
                PLAIN,
                node("dubbo://10.0.0.7:20880/com.example.Accounts?anyhost=true&application=accounts"
                        + "&interface=com.example.Accounts&methods=hello,deposit&side=provider&timestamp=1700000000000"
                        + "&weight=50&warmup=60000"));
        assertThat(instance).isNotNull();
        assertThat(instance.endpoint()).isEqualTo(Endpoint.of("10.0.0.7", 20880));
        assertThat(instance.callProtocol()).isEqualTo("dubbo");
        assertThat(instance.protocols()).containsExactly("dubbo");
        assertThat(instance.application()).isEqualTo("accounts");
        assertThat(instance.weight()).isEqualTo(50);
        assertThat(instance.startedAtMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(instance.warmupMillis()).isEqualTo(60_000);
    }

    @Test
    void groupAndVersion_mustBeTheSubscriptions() {
        String blue = node("dubbo://10.0.0.7:20880/com.example.Accounts?group=blue&version=2.0");
        assertThat(DubboProviderUrls.parse(BLUE_V2, blue)).isNotNull();
        assertThat(DubboProviderUrls.parse(PLAIN, blue)).isNull();
        assertThat(DubboProviderUrls.parse(PLAIN, node("dubbo://10.0.0.7:20880/com.example.Accounts?version=0.0.0")))
                .as("0.0.0 is no version")
                .isNotNull();
    }

    @Test
    void otherProtocols_disabledEntries_courierOwnAndGarbage_areLeftOut() {
        assertThat(DubboProviderUrls.parse(PLAIN, node("tri://10.0.0.7:50051/com.example.Accounts")))
                .isNull();
        assertThat(DubboProviderUrls.parse(PLAIN, node("dubbo://10.0.0.7:20880/com.example.Accounts?enabled=false")))
                .isNull();
        assertThat(DubboProviderUrls.parse(PLAIN, node("dubbo://10.0.0.7:20880/com.example.Accounts?release=courier")))
                .isNull();
        assertThat(DubboProviderUrls.parse(PLAIN, node("dubbo://10.0.0.7:20880/com.example.Other")))
                .isNull();
        assertThat(DubboProviderUrls.parse(PLAIN, node("dubbo://10.0.0.7/com.example.Accounts")))
                .isNull();
        assertThat(DubboProviderUrls.parse(PLAIN, node("dubbo://10.0.0.7:99999/com.example.Accounts")))
                .isNull();
        assertThat(DubboProviderUrls.parse(PLAIN, "%zz")).isNull();
    }

    @Test
    void ipv6Hosts_andDuplicates() {
        List<ServiceInstance> instances = DubboProviderWatch.instances(
                PLAIN,
                List.of(
                        node("dubbo://[::1]:20880/com.example.Accounts"),
                        node("dubbo://[::1]:20880/com.example.Accounts?weight=7"),
                        node("dubbo://10.0.0.7:20880/com.example.Accounts")));
        assertThat(instances)
                .extracting(ServiceInstance::endpoint)
                .containsExactly(Endpoint.of("10.0.0.7", 20880), Endpoint.of("::1", 20880));
    }

    private static String node(String url) {
        return URLEncoder.encode(url, StandardCharsets.UTF_8);
    }
}

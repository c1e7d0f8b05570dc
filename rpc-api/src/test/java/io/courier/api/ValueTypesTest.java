package io.courier.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.registry.RegistryOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void serviceKey_textFormRoundTrips() {
        for (String text : new String[] {
            "com.shop.UserService", "g/com.shop.UserService", "com.shop.UserService:1.0", "g/com.shop.UserService:1.0"
        }) {
            assertThat(ServiceKey.parse(text).toString()).isEqualTo(text);
        }
        assertThat(ServiceKey.parse("g/com.shop.UserService:1.0"))
                .isEqualTo(new ServiceKey("g", "com.shop.UserService", "1.0"));
    }

    @Test
    void serviceKey_refusesSeparatorsInParts() {
        assertThatThrownBy(() -> new ServiceKey("a/b", "X", "")).hasMessage("group: 'a/b' (expected: no '/' or ':')");
        assertThatThrownBy(() -> new ServiceKey("", "", "")).hasMessage("interfaceName: '' (expected: a class name)");
    }

    @Test
    void rpcResult_sharesTheBooleanAndNullResultsAndKeepsEveryOtherValue() {
        assertThat(RpcResult.of(true)).isSameAs(RpcResult.of(Boolean.TRUE));
        assertThat(RpcResult.of(false)).isSameAs(RpcResult.of(Boolean.FALSE));
        assertThat(RpcResult.of(true).value()).isEqualTo(true);
        assertThat(RpcResult.of(false).value()).isEqualTo(false);
        assertThat(RpcResult.of(true).attachments()).isEmpty();
        assertThat(RpcResult.of(false).hasException()).isFalse();
        assertThat(RpcResult.of(null)).isSameAs(RpcResult.of(null));
        assertThat(RpcResult.of(true, Map.of("k", "v")).attachments()).containsEntry("k", "v");
        assertThat(RpcResult.of(true, Map.of("k", "v"))).isNotSameAs(RpcResult.of(true));
        assertThat(RpcResult.of("x")).isNotSameAs(RpcResult.of("x"));
    }

    @Test
    void endpoint_parsesHostPortAndBracketedIpv6() {
        assertThat(Endpoint.parse("127.0.0.1:20880")).isEqualTo(Endpoint.of("127.0.0.1", 20880));
        assertThat(Endpoint.parse("[::1]:80")).isEqualTo(Endpoint.of("::1", 80));
        assertThat(Endpoint.of("::1", 80).toString()).isEqualTo("[::1]:80");
    }

    @Test
    void endpoint_badTextNamesTheValueAndTheExpectation() {
        assertThatThrownBy(() -> Endpoint.parse("localhost")).hasMessage("endpoint: 'localhost' (expected: host:port)");
        assertThatThrownBy(() -> Endpoint.parse("h:x"))
                .hasMessage("endpoint: 'h:x' (expected: host:port with a numeric port)");
        assertThatThrownBy(() -> Endpoint.parse("h:70000")).hasMessage("port: 70000 (expected: 1 to 65535)");
    }

    @Test
    void referenceOptions_validateAndNameTheKey() {
        assertThat(ReferenceOptions.defaults().timeoutMillis()).isEqualTo(3_000);
        assertThat(ReferenceOptions.defaults().retries()).isEqualTo(2);
        assertThatThrownBy(() -> ReferenceOptions.builder().timeoutMillis(-1).build())
                .hasMessage("timeoutMillis: -1 (expected: > 0)");
        assertThatThrownBy(() -> ReferenceOptions.builder().retries(-2).build())
                .hasMessage("retries: -2 (expected: 0 to 100)");
        ReferenceOptions options = ReferenceOptions.builder().tag("canary").build();
        assertThat(options.toBuilder().build()).isEqualTo(options);
    }

    @Test
    void serviceOptions_refuseUnknownExecutor() {
        assertThatThrownBy(() -> ServiceOptions.builder().executor("fast").build())
                .hasMessage("executor: 'fast' (expected: one of pool, direct, virtual)");
        assertThatThrownBy(() -> ServiceOptions.builder().weight(0).build())
                .hasMessage("weight: 0 (expected: 1 to 10000)");
    }

    @Test
    void registryOptions_schemeAndRootValidation() {
        assertThat(RegistryOptions.builder("zookeeper://127.0.0.1:2181").build().scheme())
                .isEqualTo("zookeeper");
        assertThat(RegistryOptions.builder("embedded").build().scheme()).isEqualTo("embedded");
        assertThatThrownBy(() ->
                        RegistryOptions.builder("embedded").root("courier").build())
                .hasMessage("root: 'courier' (expected: an absolute path like /courier)");
        assertThatThrownBy(() ->
                        RegistryOptions.builder("embedded").digestAuth("secret").build())
                .hasMessage("digestAuth: '<hidden>' (expected: user:password)");
    }

    @Test
    void errorCode_numbersAreStableAndExecutionDefaultsAreHonest() {
        assertThat(ErrorCode.ofCode(5)).isEqualTo(ErrorCode.SERVER_BUSY);
        assertThat(ErrorCode.ofCode(77)).isEqualTo(ErrorCode.UNKNOWN);
        assertThat(new RpcException(ErrorCode.TIMEOUT, "t").notExecuted()).isFalse();
        assertThat(new RpcException(ErrorCode.SERVER_BUSY, "b").notExecuted()).isTrue();
        assertThat(new RpcException(ErrorCode.NETWORK, true, "before write", null).notExecuted())
                .isTrue();
    }

    @Test
    void rpcContext_outgoingAttachmentsAndServeScope() {
        RpcContext.current().setTag("canary");
        assertThat(RpcContext.current().outgoingAttachments()).containsEntry(RpcContext.TAG, "canary");
        try (RpcContext.Scope ignored = RpcContext.serve(Map.of("k", "v"), Endpoint.of("127.0.0.1", 9))) {
            assertThat(RpcContext.current().requestAttachments()).containsEntry("k", "v");
            assertThat(RpcContext.current().outgoingAttachments()).isEmpty();
        }
        assertThat(RpcContext.current().requestAttachments()).isEmpty();
        assertThat(RpcContext.current().outgoingAttachments()).containsEntry(RpcContext.TAG, "canary");
        RpcContext.current().clearAttachments();
        assertThat(RpcContext.current().outgoingAttachments()).isEmpty();
    }
}

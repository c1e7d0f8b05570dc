package io.courier.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.RpcContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServedAttachmentsTest {

    private final Map<String, String> served = ServedAttachments.of(Map.of(Budgets.ATTACHMENT, "250"), -42L);

    @Test
    void isTheWireMapPlusTheStamp_asText() {
        assertThat(served)
                .isEqualTo(Map.of(Budgets.ATTACHMENT, "250", RpcContext.RECEIVED_NANOS, "-42"))
                .hasSize(2)
                .containsKey(RpcContext.RECEIVED_NANOS);
        assertThat(served.get(RpcContext.RECEIVED_NANOS)).isEqualTo("-42");
        assertThat(Map.of(Budgets.ATTACHMENT, "250", RpcContext.RECEIVED_NANOS, "-42"))
                .isEqualTo(served)
                .hasSameHashCodeAs(served);
    }

    /** The stamp's text is parsed with one rule; the typed value is the request's deadline, not this map's. */
    @Test
    void theStampIsParsedFromText() {
        assertThat(Budgets.parseSigned(served.get(RpcContext.RECEIVED_NANOS))).isEqualTo(-42L);
        assertThat(Budgets.parseSigned("17")).isEqualTo(17L);
        assertThat(Budgets.parseSigned("soon")).isEqualTo(Long.MIN_VALUE);
        assertThat(Budgets.parseSigned(null)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void cannotBeChanged() {
        assertThatThrownBy(() -> served.put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> served.remove(Budgets.ATTACHMENT)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(served::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> served.entrySet().iterator().next().setValue("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}

package io.courier.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link RpcContext#setResponseAttachment} and the leading attachments of {@link RpcResult}. */
class ResponseAttachmentsTest {

    @Test
    void setWhileServing_areTheScopesSnapshot_andNullRemovesAKey() {
        RpcContext.Scope scope = RpcContext.serve(Map.of(), null);
        try {
            RpcContext.current()
                    .setResponseAttachment("a", "1")
                    .setResponseAttachment("b", "2")
                    .setResponseAttachment("b", null);
            assertThat(RpcContext.current().responseAttachments()).isEqualTo(Map.of("a", "1"));
        } finally {
            scope.close();
        }

        assertThat(scope.responseAttachments()).isEqualTo(Map.of("a", "1"));
        assertThat(RpcContext.current().responseAttachments()).isEmpty();
    }

    @Test
    void aScopeWhoseCodeSetNone_answersTheSharedEmptyMap() {
        RpcContext.Scope scope = RpcContext.serve(Map.of(), null);
        scope.close();

        assertThat(scope.responseAttachments()).isSameAs(Map.of());
    }

    @Test
    void outsideAServedRequest_settingOneIsRefused() {
        assertThatThrownBy(() -> RpcContext.current().setResponseAttachment("a", "1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("setResponseAttachment(a): this thread serves no request");
    }

    @Test
    void leadingAttachments_joinTheResults_whoseOwnValueWinsATieAndIsNotLeading() {
        RpcResult result = RpcResult.of("v", Map.of("tie", "result", "late", "x"))
                .withLeadingAttachments(Map.of("tie", "context", "early", "y"));

        assertThat(result.value()).isEqualTo("v");
        assertThat(result.attachments()).isEqualTo(Map.of("tie", "result", "late", "x", "early", "y"));
        assertThat(result.leadingAttachments()).isEqualTo(Map.of("early", "y"));
    }

    @Test
    void leadingAttachments_keepABusinessException_andNoneLeavesTheResultAsItIs() {
        IllegalStateException thrown = new IllegalStateException("no");
        RpcResult failed = RpcResult.ofException(thrown).withLeadingAttachments(Map.of("early", "y"));
        RpcResult plain = RpcResult.of("v");

        assertThat(failed.exception()).isSameAs(thrown);
        assertThat(failed.leadingAttachments()).isEqualTo(Map.of("early", "y"));
        assertThat(plain.withLeadingAttachments(Map.of())).isSameAs(plain);
        assertThat(plain.leadingAttachments()).isEmpty();
    }
}

package io.courier.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The served request's deadline, kept typed by the context instead of as text in its attachments. */
class RpcContextDeadlineTest {

    interface Echo {
        String echo(String text);
    }

    private static final Invocation CALL = Invocation.of(
                    ServiceKey.of("", Echo.class, ""),
                    ServiceDescriptor.of(Echo.class).find("echo(java.lang.String)"),
                    new Object[] {"x"})
            .withAttachment("courier.deadline-ms", "250");

    @Test
    void aServedInvocationsDeadline_isTheContextsTypedDeadline_untilTheScopeCloses() {
        try (RpcContext.Scope scope = RpcContext.serve(CALL.withDeadlineNanos(1_000L), null, null)) {
            RpcContext context = RpcContext.current();
            assertThat(context.hasRequestDeadline()).isTrue();
            assertThat(context.requestRemainingNanos(400L)).isEqualTo(600L);
            assertThat(context.requestRemainingNanos(1_500L)).isEqualTo(-500L);
            assertThat(context.requestAttachments()).containsEntry("courier.deadline-ms", "250");
        }
        assertThat(RpcContext.current().hasRequestDeadline()).isFalse();
        assertThat(RpcContext.current().requestRemainingNanos(0L)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void withoutATypedDeadline_thereIsNone_evenIfTheAttachmentsCarryABudget() {
        try (RpcContext.Scope scope = RpcContext.serve(CALL, null, null)) {
            assertThat(RpcContext.current().hasRequestDeadline()).isFalse();
            assertThat(RpcContext.current().requestRemainingNanos(0L)).isEqualTo(Long.MAX_VALUE);
        }
        try (RpcContext.Scope scope = RpcContext.serve(Map.of("courier.deadline-ms", "250"), null)) {
            assertThat(RpcContext.current().hasRequestDeadline()).isFalse();
        }
    }
}

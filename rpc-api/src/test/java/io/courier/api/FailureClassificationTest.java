package io.courier.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FailureClassificationTest {

    interface Echo {
        String echo(String text);
    }

    private static final Invocation CALL = Invocation.of(
            ServiceKey.of("", Echo.class, ""),
            ServiceDescriptor.of(Echo.class).find("echo(java.lang.String)"),
            new Object[] {"x"});

    @Test
    void from_unwrapsCompletionAndExecutionExceptions() {
        RpcException cause = new RpcException(ErrorCode.TIMEOUT, "slow");

        assertThat(RpcException.from(new CompletionException(new ExecutionException(cause))))
                .isSameAs(cause);
        assertThat(RpcException.from(cause)).isSameAs(cause);
    }

    @Test
    void from_wrapsAnythingElseAsUnknownThatMayHaveExecuted() {
        IllegalStateException broken = new IllegalStateException("broken");

        RpcException wrapped = RpcException.from(new CompletionException(broken));

        assertThat(wrapped.code()).isEqualTo(ErrorCode.UNKNOWN);
        assertThat(wrapped.notExecuted()).isFalse();
        assertThat(wrapped).hasCause(broken).hasMessage("java.lang.IllegalStateException: broken");
        assertThatThrownBy(() -> RpcException.from(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void unwrap_stopsAtAWrapperWithoutCauseAndAtCycles() {
        CompletionException empty = new CompletionException("no cause", null);
        assertThat(RpcException.unwrap(empty)).isSameAs(empty);
        assertThat(RpcException.unwrap(null)).isNull();

        CompletionException outer = new Cyclic();
        CompletionException inner = new CompletionException(outer);
        outer.initCause(inner);
        assertThat(RpcException.unwrap(outer)).isInstanceOf(CompletionException.class);
    }

    @Test
    void invokeSafely_turnsAThrowOrANullFutureIntoAFailedFuture() {
        RpcException refusal = new RpcException(ErrorCode.RATE_LIMITED, "limited");
        Invoker throwingRpc = invocation -> {
            throw refusal;
        };
        Invoker throwing = new Invoker() {
            @Override
            public CompletableFuture<RpcResult> invoke(Invocation invocation) {
                throw new IllegalArgumentException("bad");
            }

            @Override
            public String toString() {
                return "the invoker";
            }
        };
        Invoker nothing = invocation -> null;

        assertThat(Invoker.invokeSafely(throwingRpc, CALL))
                .failsWithin(java.time.Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isSameAs(refusal);
        assertThat(RpcException.from(
                        Invoker.invokeSafely(throwing, CALL).handle((r, e) -> e).join()))
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN))
                .satisfies(e -> assertThat(e.notExecuted()).isFalse())
                .hasMessageContaining("the invoker threw on")
                .hasMessageContaining("bad");
        assertThat(RpcException.from(
                        Invoker.invokeSafely(nothing, CALL).handle((r, e) -> e).join()))
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN))
                .hasMessageContaining("returned no future");
    }

    @Test
    void deadline_isTypedAndSurvivesAttachmentChanges() {
        assertThat(CALL.hasDeadline()).isFalse();
        assertThat(CALL.remainingNanos(0)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(CALL::deadlineNanos)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expected: hasDeadline() first");

        Invocation due =
                CALL.withDeadlineNanos(1_000).withAttachment("k", "v").withAttachments(java.util.Map.of("a", "b"));

        assertThat(due.hasDeadline()).isTrue();
        assertThat(due.deadlineNanos()).isEqualTo(1_000);
        assertThat(due.remainingNanos(400)).isEqualTo(600);
        assertThat(due.remainingNanos(1_500)).isEqualTo(-500);
        assertThat(due.attachments()).containsEntry("k", "v").containsEntry("a", "b");
        assertThat(due.withDeadlineNanos(1_000)).isSameAs(due);
        assertThat(due.withDeadlineNanos(2_000).deadlineNanos()).isEqualTo(2_000);
    }

    @Test
    void endpointHealth_eachJudgementHasItsCodes() {
        assertThat(codes(EndpointHealth::ejects))
                .containsExactlyInAnyOrder(
                        ErrorCode.CONNECT_FAILED, ErrorCode.NETWORK, ErrorCode.GOING_AWAY, ErrorCode.CLOSED);
        assertThat(codes(EndpointHealth::unreachable))
                .containsExactlyInAnyOrder(ErrorCode.CONNECT_FAILED, ErrorCode.NETWORK, ErrorCode.GOING_AWAY);
        assertThat(codes(EndpointHealth::breakerFailure))
                .containsExactlyInAnyOrder(
                        ErrorCode.TIMEOUT,
                        ErrorCode.NETWORK,
                        ErrorCode.CONNECT_FAILED,
                        ErrorCode.SERVER_BUSY,
                        ErrorCode.GOING_AWAY,
                        ErrorCode.PROVIDER_ERROR,
                        ErrorCode.UNKNOWN);
        assertThat(codes(EndpointHealth::refusal))
                .containsExactlyInAnyOrder(ErrorCode.SERVER_BUSY, ErrorCode.RATE_LIMITED);
        assertThat(codes(EndpointHealth::slow)).containsExactly(ErrorCode.TIMEOUT);
        assertThat(codes(EndpointHealth::leaving)).containsExactlyInAnyOrder(ErrorCode.GOING_AWAY, ErrorCode.CLOSED);
    }

    @Test
    void endpointHealth_ofAFailureThatIsNoRpcExceptionIsFaulty() {
        assertThat(EndpointHealth.of(new CompletionException(new IllegalStateException())))
                .isEqualTo(EndpointHealth.FAULTY);
        assertThat(EndpointHealth.of(new RpcException(ErrorCode.FORBIDDEN, "no")))
                .isEqualTo(EndpointHealth.NEUTRAL);
    }

    /** A wrapper whose cause can be set later, to build a cycle. */
    private static final class Cyclic extends CompletionException {
        private static final long serialVersionUID = 1L;

        Cyclic() {
            super("outer");
        }
    }

    private static Set<ErrorCode> codes(java.util.function.Predicate<EndpointHealth> judgement) {
        Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
        for (ErrorCode code : ErrorCode.values()) {
            if (judgement.test(code.endpointHealth())) {
                codes.add(code);
            }
        }
        return codes;
    }
}

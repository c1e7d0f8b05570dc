package io.courier.cluster.strategy;

import static io.courier.cluster.strategy.RetryPolicy.Verdict.ELSEWHERE_ONCE;
import static io.courier.cluster.strategy.RetryPolicy.Verdict.MAY_HAVE_EXECUTED;
import static io.courier.cluster.strategy.RetryPolicy.Verdict.PERMANENT;
import static io.courier.cluster.strategy.RetryPolicy.Verdict.RETRY;
import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.cluster.testing.Greeter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetryPolicyTest {

    @ParameterizedTest
    @EnumSource(
            value = ErrorCode.class,
            names = {
                "CONNECT_FAILED",
                "NO_PROVIDER",
                "SERVER_BUSY",
                "GOING_AWAY",
                "RATE_LIMITED",
                "CIRCUIT_OPEN",
                "CLOSED"
            })
    void notExecutedFailures_areRetriedForEveryMethod(ErrorCode code) {
        RpcException failure = new RpcException(code, "x");
        assertThat(failure.notExecuted()).isTrue();

        assertThat(RetryPolicy.verdict(failure, Greeter.WRITE)).isEqualTo(RETRY);
        assertThat(RetryPolicy.verdict(failure, Greeter.READ)).isEqualTo(RETRY);
    }

    @ParameterizedTest
    @EnumSource(
            value = ErrorCode.class,
            names = {"TIMEOUT", "NETWORK", "PROVIDER_ERROR", "UNKNOWN"})
    void failuresThatMayHaveExecuted_areRetriedOnlyForIdempotentMethods(ErrorCode code) {
        RpcException failure = new RpcException(code, "x");
        assertThat(failure.notExecuted()).isFalse();

        assertThat(RetryPolicy.verdict(failure, Greeter.WRITE)).isEqualTo(MAY_HAVE_EXECUTED);
        assertThat(RetryPolicy.verdict(failure, Greeter.READ)).isEqualTo(RETRY);
    }

    @ParameterizedTest
    @EnumSource(
            value = ErrorCode.class,
            names = {"FORBIDDEN", "DEADLINE_EXCEEDED", "SERIALIZATION", "PAYLOAD_TOO_LARGE"})
    void failuresThatDoNotDependOnTheInstance_areNeverRetried(ErrorCode code) {
        RpcException failure = new RpcException(code, "x");

        assertThat(RetryPolicy.verdict(failure, Greeter.WRITE)).isEqualTo(PERMANENT);
        assertThat(RetryPolicy.verdict(failure, Greeter.READ)).isEqualTo(PERMANENT);
    }

    @org.junit.jupiter.api.Test
    void badRequest_isRetriedOnlyElsewhere_andNeverWhenItMayHaveRun() {
        RpcException refused = new RpcException(ErrorCode.BAD_REQUEST, "unknown service 'x'");

        assertThat(RetryPolicy.verdict(refused, Greeter.WRITE)).isEqualTo(ELSEWHERE_ONCE);
        assertThat(RetryPolicy.verdict(refused, Greeter.READ)).isEqualTo(ELSEWHERE_ONCE);
        assertThat(RetryPolicy.verdict(new RpcException(ErrorCode.BAD_REQUEST, false, "x", null), Greeter.READ))
                .isEqualTo(PERMANENT);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void verdict_followsTheCodesRetryRule(ErrorCode code) {
        RpcException failure = new RpcException(code, true, "x", null);
        RetryPolicy.Verdict verdict = RetryPolicy.verdict(failure, Greeter.READ);
        switch (code.retryRule()) {
            case NEVER -> assertThat(verdict).isEqualTo(PERMANENT);
            case ONE_OTHER_INSTANCE -> assertThat(verdict).isEqualTo(ELSEWHERE_ONCE);
            case ANY_INSTANCE -> assertThat(verdict).isEqualTo(RETRY);
        }
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void explicitExecutionState_overridesTheCodesDefault(ErrorCode code) {
        RpcException beforeWrite = new RpcException(code, true, "x", null);
        RpcException afterWrite = new RpcException(code, false, "x", null);

        RetryPolicy.Verdict permanentOrRetry = RetryPolicy.verdict(beforeWrite, Greeter.WRITE);
        assertThat(permanentOrRetry).isIn(RETRY, PERMANENT, ELSEWHERE_ONCE);
        if (permanentOrRetry == RETRY) {
            assertThat(RetryPolicy.verdict(afterWrite, Greeter.WRITE)).isEqualTo(MAY_HAVE_EXECUTED);
        }
    }
}

package io.courier.grpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.grpc.internal.wire.GrpcTimeout;
import io.courier.grpc.internal.wire.StatusMessages;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The header values the gRPC client writes and reads: {@code grpc-timeout} and {@code grpc-message}. */
class ClientHeaderValuesTest {

    @Test
    void grpcTimeout_isTheFinestUnitThatFitsEightDigits_roundedUp_andReadsBackNoShorter() {
        assertThat(GrpcTimeout.encode(1)).isEqualTo("1n");
        assertThat(GrpcTimeout.encode(99_999_999)).isEqualTo("99999999n");
        assertThat(GrpcTimeout.encode(TimeUnit.SECONDS.toNanos(3))).isEqualTo("3000000u");
        assertThat(GrpcTimeout.encode(TimeUnit.MILLISECONDS.toNanos(100_000_001)))
                .isEqualTo("100001S");
        assertThat(GrpcTimeout.encode(Long.MAX_VALUE)).matches("[0-9]{1,8}H");
        for (long nanos : new long[] {1, 999, 1_001, 123_456_789_012L, TimeUnit.DAYS.toNanos(400)}) {
            String header = GrpcTimeout.encode(nanos);
            assertThat(header.length()).isBetween(2, 9);
            assertThat(GrpcTimeout.parseNanos(header)).as(header).isGreaterThanOrEqualTo(nanos);
        }
    }

    @Test
    void grpcMessage_decodesWhatEncodeWrites_andKeepsAMalformedEscape() {
        String text = "caf\u00e9 100% \u2713\nnext line";
        assertThat(StatusMessages.decode(StatusMessages.encode(text))).isEqualTo(text);
        assertThat(StatusMessages.decode("plain")).isEqualTo("plain");
        assertThat(StatusMessages.decode("50%zz off %")).isEqualTo("50%zz off %");
    }
}

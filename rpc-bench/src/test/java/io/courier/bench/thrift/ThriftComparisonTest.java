package io.courier.bench.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.thrift.ThriftSchemas;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Thrift comparison runs end to end, tiny: both servers in their own JVMs answer the stock client rightly (a
 * wrong answer fails the run); the numbers are taken, not judged.
 */
class ThriftComparisonTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void run_measuresBothServersOnEveryCall() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // small servers, compiled by C1 only: this checks the paths, it measures nothing
        List<ThriftComparison.Result> results = ThriftComparison.run(
                new ThriftComparison.Options(0.3, 0, 2),
                List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-Dio.netty.leakDetection.level=disabled"),
                new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(results).hasSize(4);
        for (ThriftComparison.Result result : results) {
            assertThat(result.perSecond()).isPositive();
            assertThat(result.p99Nanos())
                    .isGreaterThanOrEqualTo(result.p50Nanos())
                    .isPositive();
        }
        assertThat(ThriftComparison.table(results))
                .contains("| existUser | courier | ", "| getUser | libthrift | ", "calls/s Courier/libthrift")
                .containsPattern("\\| getUser \\| \\d+\\.\\d\\dx \\|");
    }

    /** The hand-written wire of libthrift's side ({@link UserWire}) has the field ids of the IDL Courier derives. */
    @Test
    void courierDerivesTheIdlTheHandWrittenSideSpeaks() {
        assertThat(ThriftSchemas.idlFile(ThriftUserService.class))
                .contains(
                        "1: i64 id",
                        "2: string name",
                        "4: i32 birthdayEpochDay",
                        "9: list<i32> permissions",
                        "12: i64 updateTimeMillis",
                        "bool existUser(1: string ",
                        "ThriftUser getUser(1: i64 ");
    }

    @Test
    void options_refuseNonsense() {
        assertThat(ThriftComparison.Options.parse(new String[0])).isEqualTo(new ThriftComparison.Options(4, 3, 16));
        assertThatThrownBy(() -> ThriftComparison.Options.parse(new String[] {"0"}))
                .hasMessageContaining("SECONDS 0.0");
        assertThatThrownBy(() -> ThriftComparison.Options.parse(new String[] {"1", "2", "3", "4"}))
                .hasMessageContaining("usage");
    }
}

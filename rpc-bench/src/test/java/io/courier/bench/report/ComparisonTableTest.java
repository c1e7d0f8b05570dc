package io.courier.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample is a real JMH 1.37 result file with the scores replaced by round numbers and a courier system added, and
 * a grpc system for existUser only.
 */
class ComparisonTableTest {

    @Test
    void read_convertsUnitsAndFindsTheAllocationPerCall() throws Exception {
        List<JmhResult> results = JmhResult.read(sample());

        assertThat(results).hasSize(14);
        JmhResult throughput = results.get(0);
        assertThat(throughput.method()).isEqualTo("existUser");
        assertThat(throughput.mode()).isEqualTo("thrpt");
        assertThat(throughput.params()).containsEntry("system", "raw");
        assertThat(throughput.score()).isEqualTo(40_000.0);
        assertThat(throughput.allocBytesPerOp()).isEqualTo(300.0);
        JmhResult sample = results.get(1);
        assertThat(sample.mode()).isEqualTo("sample");
        assertThat(sample.percentile("99.9")).isEqualTo(4_000.0);
        assertThat(sample.percentile("12.5")).isNaN();
    }

    @Test
    void render_printsValuesRatiosAndTargetVerdictsPerCall() throws Exception {
        String table = ComparisonTable.renderFiles(List.of(sample()));

        assertThat(table)
                .startsWith("JMH: threads 32, forks 1, warm-up 1 x 2 s, measurement 2 x 2 s, OpenJDK 64-Bit Server VM"
                        + " 17.0.15\n")
                .contains("| existUser | ops/s | 40,000 | 10,000 | 15,000 | 45,000 | 4.50x | 3.00x | 1.13x | 4.00x"
                        + " | >= 3x Dubbo, >= 0.9x raw: met |\n")
                .contains(
                        "| existUser | p50 us | 400.0 | 3,000.0 | 1,200.0 | 350.0 | 0.12x | 0.29x | 0.88x | 0.13x |  |\n")
                .contains("| existUser | p99 us | 1,000.0 | 9,000.0 | 4,800.0 | 1,200.0 | 0.13x | 0.25x | 1.20x | 0.11x"
                        + " | <= 0.5x Dubbo: met |\n")
                .contains("| existUser | alloc B/op | 300 | 20,000 | 6,000 | 1,500 | 0.08x | 0.25x | 5.00x | 0.02x"
                        + " | <= 2048 B: met |\n")
                .contains("| listUser | ops/s | 4,000 | 1,000 | n/a | 3,000 | 3.00x | n/a | 0.75x | 4.00x"
                        + " | >= 3x Dubbo, >= 0.9x raw: MISSED |\n")
                .contains(
                        "| listUser | alloc B/op | 14,000 | 50,000 | n/a | 16,000 | 0.32x | n/a | 1.14x | 0.28x |  |\n")
                .doesNotContain("createUser", "getUser");
    }

    @Test
    void render_showsNotApplicableForASystemThatWasNotRun() throws Exception {
        List<JmhResult> withoutCourier = JmhResult.read(sample()).stream()
                .filter(result -> !result.params().get("system").equals("courier"))
                .toList();

        assertThat(ComparisonTable.render(withoutCourier))
                .contains("| existUser | ops/s | 40,000 | 10,000 | 15,000 | n/a | n/a | n/a | n/a | 4.00x"
                        + " | >= 3x Dubbo, >= 0.9x raw: n/a |\n");
    }

    @Test
    void render_headsTheGrpcColumnAndTheCourierToGrpcRatio() throws Exception {
        assertThat(ComparisonTable.renderFiles(List.of(sample())))
                .contains(
                        "| call | metric | raw Netty | Dubbo | gRPC | Courier | Courier/Dubbo | Courier/gRPC | Courier/raw"
                                + " | raw/Dubbo | target |\n");
    }

    @Test
    void read_namesAFileThatIsNotAJmhResult(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("broken.json"), "{\"benchmark\": ");

        assertThatThrownBy(() -> JmhResult.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": not a JMH JSON result file");
    }

    private static Path sample() throws URISyntaxException {
        return Path.of(
                ComparisonTableTest.class.getResource("/sample-jmh-result.json").toURI());
    }
}

package io.courier.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.bench.harness.RpcSystem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ComparisonOptionsTest {

    @Test
    void parse_defaultsToTheFourSystemsAndTheFullRun() {
        Comparison.Options options = Comparison.Options.parse();

        // courier-protostuff compares two serializers of Courier; it runs only when asked for
        assertThat(options.systems())
                .containsExactly(RpcSystem.RAW, RpcSystem.DUBBO, RpcSystem.COURIER, RpcSystem.GRPC);
        assertThat(options.micro()).isFalse();
        assertThat(options.results()).isEqualTo(Path.of("target", "jmh"));
        assertThat(options.jmhOptions()).isEmpty();
    }

    @Test
    void parse_readsSystemsQuickResultsAndPassesTheRestToJmh() {
        Comparison.Options options =
                Comparison.Options.parse("--systems", "dubbo, raw", "--results", "out", "--quick", "--", "-t", "8");

        assertThat(options.systems()).containsExactly(RpcSystem.DUBBO, RpcSystem.RAW);
        assertThat(options.results()).isEqualTo(Path.of("out"));
        assertThat(options.jmhOptions())
                .startsWith(Comparison.QUICK.toArray(String[]::new))
                .endsWith("-t", "8");
    }

    @Test
    void parse_selectsTheMicroBenchmarks() {
        assertThat(Comparison.Options.parse("--micro").micro()).isTrue();
    }

    @Test
    void parse_selectsTheStreamBenchmark() {
        assertThat(Comparison.Options.parse("--stream").stream()).isTrue();
        assertThat(Comparison.Options.parse().stream()).isFalse();
    }

    @Test
    void parse_refusesAnUnknownOption() {
        assertThatThrownBy(() -> Comparison.Options.parse("--fast"))
                .hasMessage(
                        "option: --fast (expected: --systems LIST, --quick, --micro, --stream, --results DIR or -- JMH options)");
        assertThatThrownBy(() -> Comparison.Options.parse("--systems"))
                .hasMessage("--systems: missing (expected: a value)");
    }
}

package io.courier.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HostReportTest {

    private static final String CPUINFO =
            """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            cpu family\t: 26
            model\t\t: 2
            model name\t: AMD EPYC
            stepping\t: 1

            processor\t: 1
            vendor_id\t: AuthenticAMD
            cpu family\t: 25
            model\t\t: 17
            model name\t: AMD EPYC
            """;

    @Test
    void processor_namesTheFirstProcessorsModelFamilyAndModel() {
        // the second block differs on purpose: only the first is read
        assertThat(HostReport.processor(CPUINFO)).isEqualTo("AMD EPYC (family 26, model 2)");
    }

    @Test
    void processor_saysWhatItCouldNotRead() {
        assertThat(HostReport.processor(null)).isEqualTo("processor unknown (no /proc/cpuinfo)");
        assertThat(HostReport.processor("model name\t: Some CPU\n")).isEqualTo("Some CPU");
    }

    @Test
    void stealTicks_isTheEighthValueOfTheCpuLine() {
        String stat = "cpu  110011 0 77319 73322 101 0 6061 201 0 0\ncpu0 55000 0 38000 36000 50 0 3000 100 0 0\n";

        assertThat(HostReport.stealTicks(stat)).hasValue(201);
    }

    @Test
    void stealTicks_isUnknownWithoutTheColumn() {
        assertThat(HostReport.stealTicks("cpu  1 2 3 4 5 6 7\n")).isEmpty();
        assertThat(HostReport.stealTicks("intr 1 2 3\n")).isEmpty();
        assertThat(HostReport.stealTicks(null)).isEmpty();
    }

    @Test
    void steal_underOnePercentOfTheRunsCpuTimeIsQuiet() {
        // 2.4 s stolen over 20 minutes of 2 CPUs: 0.1 %
        HostReport.Snapshot start = new HostReport.Snapshot(OptionalLong.of(244), 0);
        HostReport.Snapshot end = new HostReport.Snapshot(OptionalLong.of(483), TimeUnit.MINUTES.toNanos(20));

        assertThat(HostReport.steal(start, end, 2))
                .startsWith("The host took 2.4 s of CPU time from this machine during the 20.0 min run (0.10 %")
                .endsWith(": quiet.");
    }

    @Test
    void steal_overOnePercentMarksTheRunNotQuiet() {
        // 29 s stolen over 21 minutes of 2 CPUs: 1.15 %, a run the notes once had to disown by hand
        HostReport.Snapshot start = new HostReport.Snapshot(OptionalLong.of(1_000), 0);
        HostReport.Snapshot end = new HostReport.Snapshot(OptionalLong.of(3_900), TimeUnit.MINUTES.toNanos(21));

        assertThat(HostReport.steal(start, end, 2))
                .contains("29.0 s", "(1.15 %")
                .contains("NOT QUIET");
    }

    @Test
    void steal_isUnknownWhenEitherSnapshotLacksIt() {
        HostReport.Snapshot known = new HostReport.Snapshot(OptionalLong.of(1), 0);
        HostReport.Snapshot unknown = new HostReport.Snapshot(OptionalLong.empty(), 1);

        assertThat(HostReport.steal(known, unknown, 2)).contains("unknown");
        assertThat(HostReport.steal(unknown, known, 2)).contains("unknown");
    }
}

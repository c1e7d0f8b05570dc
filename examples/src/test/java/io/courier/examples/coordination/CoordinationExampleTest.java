package io.courier.examples.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the example of docs/coordination.md on the embedded ZooKeeper. */
@Timeout(60)
class CoordinationExampleTest {

    @Test
    void leaderOnlyServiceAndJob_handOverOnGracefulStop_andTheStoreRefusesTheOldToken() throws Exception {
        CoordinationExample.Summary summary = CoordinationExample.run();

        assertThat(summary.before()).endsWith("(served by first)");
        assertThat(summary.after()).endsWith("(served by second)");
        assertThat(summary.reports()).containsExactly("report by first", "report by second");
        assertThat(summary.staleWriteRefused()).isTrue();
        assertThat(summary.lockToken()).isPositive();
    }
}

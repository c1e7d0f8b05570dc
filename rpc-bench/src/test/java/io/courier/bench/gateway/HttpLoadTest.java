package io.courier.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpLoadTest {

    @TempDir
    Path work;

    @Test
    void h2loadDurations_readsTheThirdColumnOfEachLine_sorted() throws Exception {
        Path log = Files.writeString(
                work.resolve("h2load.log"),
                "1795689920564607\t200\t48492\n"
                        + "1795689920613393\t200\t381\n"
                        + "1795689920652086\t200\t41924\n"
                        + "1795689920652099\t200\t7\n");

        assertThat(HttpLoad.h2loadDurations(log)).containsExactly(7, 381, 41924, 48492);
    }

    @Test
    void h2loadDurations_readsALastLineWithoutItsNewline() throws Exception {
        Path log = Files.writeString(
                work.resolve("h2load.log"), "1795689920564607\t200\t48492\n1795689920613393\t200\t381");

        assertThat(HttpLoad.h2loadDurations(log)).containsExactly(381, 48492);
    }

    @Test
    void h2loadDurations_readsALogLongerThanItsBuffers() throws Exception {
        StringBuilder lines = new StringBuilder();
        int requests = 20_000; // about 500 KB: several reads and several growths of the array
        for (int i = requests; i >= 1; i--) {
            lines.append("1795689920564607\t200\t").append(i).append('\n');
        }
        Path log = Files.writeString(work.resolve("h2load.log"), lines);

        long[] micros = HttpLoad.h2loadDurations(log);

        assertThat(micros).hasSize(requests);
        assertThat(micros[0]).isEqualTo(1);
        assertThat(micros[requests - 1]).isEqualTo(requests);
    }

    @Test
    void streamsPerConnection_keepsTheRequestsInFlightOfTheOtherPaths() {
        assertThat(HttpLoad.streamsPerConnection(32)).isEqualTo(8);
        assertThat(HttpLoad.streamsPerConnection(20)).isEqualTo(5);
        assertThat(HttpLoad.streamsPerConnection(6)).isEqualTo(6);
        assertThat(HttpLoad.streamsPerConnection(13)).isEqualTo(1);
        assertThat(HttpLoad.streamsPerConnection(1)).isEqualTo(1);
    }

    @Test
    void h2loadDurations_refusesALogWithoutRequests() throws Exception {
        Path log = Files.writeString(work.resolve("h2load.log"), "");

        assertThatThrownBy(() -> HttpLoad.h2loadDurations(log))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no request");
    }
}

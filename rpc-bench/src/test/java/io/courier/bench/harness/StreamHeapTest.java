package io.courier.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the bounded-heap run reads the server's GC log. */
class StreamHeapTest {

    @Test
    void serverHeap_reportsThePeaksBeforeAndAfterACollection(@TempDir Path directory) throws Exception {
        Path log = directory.resolve("gc.log");
        Files.write(
                log,
                List.of(
                        "[0.012s][info][gc] Using G1",
                        "[1.101s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->5M(64M) 3.101ms",
                        "[2.202s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 41M->7M(64M) 2.002ms",
                        "[3.303s][info][gc] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 38M->6M(64M) 1.500ms"));

        assertThat(StreamHeap.serverHeap(log, "64m"))
                .startsWith("server (-Xmx64m): heap used at most 41 MiB before a collection, at most 7 MiB after one,"
                        + " 3 collections");
    }
}

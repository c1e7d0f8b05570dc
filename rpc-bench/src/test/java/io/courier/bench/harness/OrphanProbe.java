package io.courier.bench.harness;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A harness that gets killed: {@code OrphanProbe FILE} starts a raw server process, writes the server's pid to FILE
 * and waits to be killed. {@link ServerProcessTest} kills it with SIGKILL, so no shutdown hook runs, and checks that
 * the server goes anyway.
 */
final class OrphanProbe {

    private OrphanProbe() {}

    public static void main(String[] args) throws Exception {
        ServerProcess server = ServerProcess.start(RpcSystem.RAW);
        Path pidFile = Path.of(args[0]);
        Path partial = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
        Files.writeString(partial, Long.toString(server.process().pid()), StandardCharsets.UTF_8);
        Files.move(partial, pidFile);
        // bounded: the test kills this JVM within seconds; if it does not, the server is stopped normally
        Thread.sleep(60_000);
        server.close();
    }
}

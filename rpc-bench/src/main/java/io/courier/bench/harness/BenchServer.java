package io.courier.bench.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server process of one system: {@code BenchServer raw|dubbo|courier|grpc PORT} serves the workload on the system's
 * {@linkplain RpcSystem#loopback() loopback address} (0 picks a free port) and announces {@code READY <port>} on
 * standard output.
 *
 * <p>It lives exactly as long as its parent wants it to: it stops when its standard input reaches end of file (the
 * parent closed it, or died and the operating system closed it), when the parent process exits, or on SIGTERM. So no
 * failure of the harness, the JMH fork or the script can leave a server behind.
 */
public final class BenchServer {

    /** The line prefix that announces the bound port. */
    static final String READY = "READY ";

    private static final Logger log = LoggerFactory.getLogger(BenchServer.class);

    private BenchServer() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("arguments: " + String.join(" ", args) + " (expected: SYSTEM PORT)");
        }
        RpcSystem system = RpcSystem.of(args[0]);
        int port = Integer.parseInt(args[1]);
        ServerHandle server = system.serve(port);
        log.info("{} server listening on [{}]:{}", system.id(), system.loopback(), server.port());
        serve(system.id(), server);
    }

    /**
     * Announces {@code server}'s port on standard output, then serves until standard input ends, the parent exits or
     * SIGTERM comes, and exits the JVM: the server side of {@link ServerProcess}'s handshake, for any server main.
     */
    public static void serve(String name, ServerHandle server) {
        Thread shutdownHook = new Thread(server::close, "bench-server-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            log.info("parent process exited, stopping");
            System.exit(0);
        }));

        // Standard output is the handshake channel with the harness, not a log.
        PrintStream handshake = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        handshake.println(READY + server.port());

        awaitEndOfInput(System.in);
        log.info("{}: standard input closed, stopping", name);
        // closed here rather than by the hook: a framework closing during JVM shutdown cannot remove its own hooks
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the parent's exit already started the shutdown, and the hook closes the server
            return;
        }
        server.close();
        System.exit(0);
    }

    private static void awaitEndOfInput(InputStream in) {
        byte[] sink = new byte[256];
        try {
            while (in.read(sink) != -1) {
                // the parent sends nothing; anything it does send is ignored
            }
        } catch (IOException e) {
            log.info("standard input failed: {}", e.toString());
        }
    }
}

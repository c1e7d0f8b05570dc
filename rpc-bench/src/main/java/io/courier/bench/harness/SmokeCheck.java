package io.courier.bench.harness;

import io.courier.bench.workload.WorkloadCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SmokeCheck raw|dubbo|courier|grpc}: starts that system's server process, connects a client, checks one answer
 * of each call and stops both. Exits with 0 when every answer is right. Run it in a JVM whose classpath suits the
 * system ({@link RpcSystem#classpath}); {@link Comparison} and the tests do.
 */
public final class SmokeCheck {

    private static final Logger log = LoggerFactory.getLogger(SmokeCheck.class);

    private SmokeCheck() {}

    public static void main(String[] args) {
        // exit explicitly: a framework's non-daemon threads must not keep a finished check alive
        System.exit(run(args));
    }

    static int run(String[] args) {
        try {
            if (args.length != 1) {
                throw new IllegalArgumentException("arguments: " + String.join(" ", args) + " (expected: SYSTEM)");
            }
            RpcSystem system = RpcSystem.of(args[0]);
            try (ServerProcess server = ServerProcess.start(system);
                    ClientHandle client = system.connect(server.port())) {
                WorkloadCheck.verify(client.service());
            }
            log.info("{}: all four calls answered correctly", system.id());
            return 0;
        } catch (Exception e) {
            log.error("smoke check failed", e);
            return 1;
        }
    }
}

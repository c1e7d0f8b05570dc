package io.courier.bench.harness;

import io.courier.bench.courier.CourierStreamClient;
import io.courier.bench.grpc.GrpcAsyncStreamClient;
import io.courier.bench.grpc.GrpcStreamClient;
import io.courier.bench.stream.UserStreamClient;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Messages per second and MB/s of a server stream of users, from a server of one system in its own JVM to one client
 * stream at a time in this JVM: Courier's {@code UserStreamService} or gRPC's {@code StreamUsers}.
 *
 * <pre>
 * StreamThroughput SYSTEM [USERS_PER_ROUND=200000] [ROUNDS=6] [GRPC_STUB=blocking|async|async-unconverted]
 * </pre>
 *
 * <p>gRPC is read with its blocking stub ({@code GrpcUserClient#streamUsers}, an iterator: each message is handed to
 * the reading thread) or, with {@code async}, with its asynchronous stub's {@code StreamObserver}, called on gRPC's
 * executor as Courier's subscriber is called on its IO thread; {@code async-unconverted} reads only each message's id
 * instead of converting it to the workload's {@code User}, to show how much of gRPC's client cost the conversion is.
 *
 * <p>Each round streams {@code USERS_PER_ROUND} users (each converted to the workload's {@code User} and checked to
 * arrive in order) and prints users per second, megabytes (10^6 bytes) per second of the system's messages ({@link
 * UserStreamClient#messageBytes}: Courier's frames, gRPC's length-prefixed messages) and, as {@link CpuPerCall} does,
 * the CPU time per user of the client and of the server, which moves far less with the load of a shared machine than
 * the rates. The first rounds are warm-up.
 */
public final class StreamThroughput {

    private static final List<String> STUBS = List.of("blocking", "async", "async-unconverted");

    private StreamThroughput() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: StreamThroughput SYSTEM [USERS_PER_ROUND] [ROUNDS] [GRPC_STUB]");
        }
        RpcSystem system = RpcSystem.of(args[0]);
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        String stub = args.length > 3 ? args[3] : "blocking";
        if (!STUBS.contains(stub) || (!stub.equals("blocking") && system != RpcSystem.GRPC)) {
            throw new IllegalArgumentException("GRPC_STUB: '" + stub
                    + "' (expected: blocking, async or async-unconverted; the last two with grpc)");
        }
        boolean async = !stub.equals("blocking");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (ServerProcess server = ServerProcess.start(system);
                UserStreamClient client = async
                        ? GrpcAsyncStreamClient.connect(system.loopback(), server.port(), stub.equals("async"))
                        : connect(system, server.port())) {
            int messageBytes = client.messageBytes(users / 2);
            String name = system.id() + (async ? " (" + stub + " stub)" : "");
            out.printf("%s: %d bytes per user message%n", name, messageBytes);
            for (int round = 1; round <= rounds; round++) {
                long serverCpu = CpuPerCall.cpuNanos(server.process().toHandle());
                long clientCpu = CpuPerCall.ownCpuNanos();
                long started = System.nanoTime();
                long received = client.stream(users);
                double seconds = (System.nanoTime() - started) / 1e9;
                out.printf(
                        "%s stream round %d: %,.0f users/s, %.1f MB/s, client %.2f us/user, server %.2f us/user%n",
                        name,
                        round,
                        received / seconds,
                        received * messageBytes / 1e6 / seconds,
                        (CpuPerCall.ownCpuNanos() - clientCpu) / 1e3 / received,
                        (CpuPerCall.cpuNanos(server.process().toHandle()) - serverCpu) / 1e3 / received);
            }
        }
    }

    /** A stream client of {@code system}'s server on {@code port}: Courier or gRPC, the systems that stream. */
    static UserStreamClient connect(RpcSystem system, int port) {
        return switch (system) {
            case COURIER -> CourierStreamClient.connect(system.loopback(), port);
            case GRPC -> GrpcStreamClient.connect(system.loopback(), port);
            case RAW, DUBBO, COURIER_PROTOSTUFF, COURIER_NOGRPC, COURIER_GRPC, COURIER_DUBBO ->
                throw new IllegalArgumentException("system: " + system.id()
                        + " (expected: courier or grpc; the others are not measured streaming)");
        };
    }
}

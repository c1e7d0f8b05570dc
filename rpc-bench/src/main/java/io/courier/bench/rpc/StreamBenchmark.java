package io.courier.bench.rpc;

import io.courier.bench.grpc.GrpcUserClient;
import io.courier.bench.harness.RpcSystem;
import io.courier.bench.harness.ServerProcess;
import io.courier.bench.workload.SyntheticUserService;
import io.courier.bench.workload.User;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A server stream of {@code users} workload users, read to the end by one client thread, against a server started in
 * its own JVM for the trial. Each message is converted to the workload's {@link User} as it arrives, as the answers
 * of {@link RpcBenchmark} are. The primary score is streams per second; the auxiliary counters {@code messages} and
 * {@code payloadBytes} are users per second and protobuf payload bytes per second (MB/s = payloadBytes / 10^6; the
 * payload excludes gRPC's 5-byte message prefix and HTTP/2's frames, and is computed once per trial from the users the
 * server sends, to within the one or two bytes a timestamp's nanoseconds vary).
 *
 * <p>Only gRPC streams today; Courier's server stream (issue 23) is to join as a second {@code system}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-Dio.netty.leakDetection.level=disabled"})
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 3, time = 4)
public class StreamBenchmark {

    @Param({"grpc"})
    public String system;

    @Param({"1000"})
    public int users;

    private ServerProcess server;
    private GrpcUserClient client;
    private long payloadBytesPerStream;

    /** What one thread received, reported by JMH as rates. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Received {
        public long messages;
        public long payloadBytes;
    }

    @Setup(Level.Trial)
    public void start() {
        RpcSystem rpc = RpcSystem.of(system);
        if (rpc != RpcSystem.GRPC) {
            throw new IllegalArgumentException(
                    "system: " + system + " (expected: grpc, the only one that streams yet)");
        }
        server = ServerProcess.start(rpc);
        try {
            client = GrpcUserClient.connect(rpc.loopback(), server.port());
            payloadBytesPerStream = check(client.streamUsers(users));
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Reads one stream and checks every user; returns the payload bytes of a stream. */
    private long check(Iterator<User> stream) {
        long bytes = 0;
        int received = 0;
        while (stream.hasNext()) {
            User user = stream.next();
            if (!user.equals(SyntheticUserService.user(received, user.getCreateTime()))) {
                throw new IllegalStateException("streamUsers(" + users + ")[" + received + "]: " + user);
            }
            bytes += GrpcUserClient.payloadBytes(user);
            received++;
        }
        if (received != users) {
            throw new IllegalStateException("streamUsers(" + users + "): " + received + " users");
        }
        return bytes;
    }

    @TearDown(Level.Trial)
    public void stop() {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            server.close();
        }
    }

    @Benchmark
    public void streamUsers(Received received, Blackhole blackhole) {
        Iterator<User> stream = client.streamUsers(users);
        long count = 0;
        while (stream.hasNext()) {
            blackhole.consume(stream.next());
            count++;
        }
        received.messages += count;
        received.payloadBytes += payloadBytesPerStream;
    }
}

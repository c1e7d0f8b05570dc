package io.courier.bench.rpc;

import io.courier.bench.harness.ClientHandle;
import io.courier.bench.harness.RpcSystem;
import io.courier.bench.harness.ServerProcess;
import io.courier.bench.workload.Page;
import io.courier.bench.workload.SyntheticUserService;
import io.courier.bench.workload.User;
import io.courier.bench.workload.UserService;
import io.courier.bench.workload.WorkloadCheck;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;
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

/**
 * The four calls of the workload from 32 threads sharing one client, against a server of the chosen system started
 * in its own JVM for the trial and stopped after it. The arguments follow dubbo-benchmark's client: a fresh e-mail
 * string, the id and the page number from a per-thread counter; {@code createUser} sends one prepared user.
 *
 * <p>Throughput and sampled latency (p50, p99, p99.9) are both measured; run with {@code -prof gc} for the
 * allocation per call on the client. The defaults keep one fork, 3 x 4 s of warm-up and 3 x 4 s of measurement, so
 * that the whole four-system comparison fits in about twenty minutes on two cores ({@code Comparison}).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(32)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "-Xms1g",
            "-Xmx1g",
            // see ServerProcess.DEFAULT_JVM_ARGS: no first-touch page faults inside the measurement
            "-XX:+AlwaysPreTouch",
            "-Dio.netty.leakDetection.level=disabled",
            "-Ddubbo.application.logger=slf4j"
        })
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 3, time = 4)
public class RpcBenchmark {

    @Param({"raw", "dubbo", "courier", "grpc"})
    public String system;

    private ServerProcess server;
    private ClientHandle client;
    private UserService service;
    private User user;

    /** A per-thread counter, so that the arguments vary without threads contending on one counter. */
    @State(Scope.Thread)
    public static class Counter {
        long next;
    }

    @Setup(Level.Trial)
    public void start() throws InterruptedException {
        RpcSystem rpc = RpcSystem.of(system);
        server = ServerProcess.start(rpc);
        try {
            client = rpc.connect(server.port());
            service = client.service();
            // a system that answers wrongly is not measured
            WorkloadCheck.verify(service);
        } catch (InterruptedException | RuntimeException e) {
            stop();
            throw e;
        }
        user = SyntheticUserService.user(1, LocalDateTime.now());
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
    public boolean existUser(Counter counter) {
        return service.existUser(String.valueOf(counter.next++));
    }

    @Benchmark
    public boolean createUser() {
        return service.createUser(user);
    }

    @Benchmark
    public User getUser(Counter counter) {
        return service.getUser(counter.next++);
    }

    @Benchmark
    public Page<User> listUser(Counter counter) {
        return service.listUser((int) counter.next++);
    }
}

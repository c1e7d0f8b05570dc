package io.courier.bench.harness;

import io.courier.bench.workload.SyntheticUserService;
import io.courier.bench.workload.User;
import io.courier.bench.workload.UserService;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/**
 * CPU time per call of the client and of the server process, for one call of the workload from many threads against
 * a server of one system in its own JVM.
 *
 * <pre>
 * CpuPerCall SYSTEM CALL [THREADS=32] [SECONDS_PER_ROUND=4] [ROUNDS=6]
 * </pre>
 *
 * <p>Why beside JMH: on a shared two-core machine throughput moves by a factor of two with the load, while the CPU a
 * process spends per answered call hardly does. Client plus server CPU per call bounds what two cores can do (2 cores
 * / CPU per call), so comparing systems by it shows where a gap comes from even when the machine is busy. Each round
 * prints calls per second and both figures; the first rounds are warm-up.
 */
public final class CpuPerCall {

    private CpuPerCall() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: CpuPerCall SYSTEM CALL [THREADS] [SECONDS_PER_ROUND] [ROUNDS]");
        }
        RpcSystem system = RpcSystem.of(args[0]);
        String call = args[1];
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        long roundNanos = TimeUnit.SECONDS.toNanos(args.length > 3 ? Long.parseLong(args[3]) : 4);
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 6;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (ServerProcess server = ServerProcess.start(system);
                ClientHandle client = system.connect(server.port())) {
            ToLongFunction<Long> operation = operation(client.service(), call);
            for (int round = 1; round <= rounds; round++) {
                long serverCpu = cpuNanos(server.process().toHandle());
                long clientCpu = ownCpuNanos();
                long started = System.nanoTime();
                long calls = runRound(operation, threads, roundNanos);
                double seconds = (System.nanoTime() - started) / 1e9;
                double clientUs = (ownCpuNanos() - clientCpu) / 1e3 / calls;
                double serverUs = (cpuNanos(server.process().toHandle()) - serverCpu) / 1e3 / calls;
                out.printf(
                        "%s %s round %d: %.0f calls/s, client %.1f us/call, server %.1f us/call%n",
                        system.id(), call, round, calls / seconds, clientUs, serverUs);
            }
        }
    }

    private static ToLongFunction<Long> operation(UserService service, String call) {
        User user = SyntheticUserService.user(1, LocalDateTime.now());
        return switch (call) {
            case "existUser" -> n -> service.existUser(String.valueOf(n)) ? 1 : 0;
            case "createUser" -> n -> service.createUser(user) ? 1 : 0;
            case "getUser" -> n -> service.getUser(n).getId();
            case "listUser" -> n -> service.listUser(n.intValue()).getResult().size();
            default ->
                throw new IllegalArgumentException(
                        "call: '" + call + "' (expected: existUser, createUser, getUser or listUser)");
        };
    }

    /** Runs {@code threads} callers for {@code nanos}; returns the calls answered. */
    private static long runRound(ToLongFunction<Long> operation, int threads, long nanos) throws InterruptedException {
        LongAdder calls = new LongAdder();
        CountDownLatch done = new CountDownLatch(threads);
        long deadline = System.nanoTime() + nanos;
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long first = t * 1_000_000L;
            Thread caller = new Thread(
                    () -> {
                        try {
                            for (long n = first; System.nanoTime() < deadline; n++) {
                                operation.applyAsLong(n);
                                calls.increment();
                            }
                        } finally {
                            done.countDown();
                        }
                    },
                    "caller-" + t);
            caller.setDaemon(true);
            callers.add(caller);
            caller.start();
        }
        // a call blocks for at most the client's timeout, so the round ends soon after its deadline
        if (!done.await(nanos + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS)) {
            callers.forEach(Thread::interrupt);
            throw new IllegalStateException("callers still running 30 s after the round");
        }
        return calls.sum();
    }

    static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}

package io.courier.dubbo.stock;

import io.courier.dubbo.fixture.Accounts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

/**
 * A stock Dubbo consumer under steady load (args: the ZooKeeper address, the threads): calls {@link
 * Accounts#server()} until a line arrives on standard input, printing {@code PROGRESS dubbo=.. courier=..
 * failed=..} every 100 ms and, at the end, {@code RESULT} with the totals and the first failure.
 */
public final class DubboLoadMain {

    private DubboLoadMain() {}

    public static void main(String[] args) throws Exception {
        Loopback.pin();
        int threads = Integer.parseInt(args[1]);
        ApplicationConfig application = new ApplicationConfig("stock-dubbo-load");
        application.setQosEnable(false);
        application.setQosCheck(false);
        application.setLogger("slf4j");
        ReferenceConfig<Accounts> reference = new ReferenceConfig<>();
        reference.setInterface(Accounts.class);
        reference.setTimeout(5_000);
        DubboBootstrap bootstrap = DubboBootstrap.getInstance()
                .application(application)
                .registry(new RegistryConfig("zookeeper://" + args[0]))
                .reference(reference)
                .start();
        Accounts accounts = reference.get();
        Map<String, LongAdder> answered = new ConcurrentHashMap<>();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(
                    () -> {
                        while (running.get()) {
                            try {
                                answered.computeIfAbsent(accounts.server(), k -> new LongAdder())
                                        .increment();
                            } catch (RuntimeException e) {
                                failed.incrementAndGet();
                                firstFailure.compareAndSet(null, e.toString().replace('\n', ' '));
                            }
                        }
                    },
                    "load-" + t);
            worker.start();
            workers.add(worker);
        }
        Thread progress = new Thread(
                () -> {
                    while (running.get()) {
                        System.out.println("PROGRESS dubbo=" + count(answered, "dubbo") + " courier="
                                + count(answered, "courier") + " failed=" + failed.get());
                        System.out.flush();
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "progress");
        progress.setDaemon(true);
        progress.start();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        running.set(false);
        for (Thread worker : workers) {
            worker.join(10_000);
        }
        System.out.println("RESULT dubbo=" + count(answered, "dubbo") + " courier=" + count(answered, "courier")
                + " failed=" + failed.get() + " first=" + firstFailure.get());
        System.out.flush();
        bootstrap.stop();
        System.exit(0);
    }

    private static long count(Map<String, LongAdder> answered, String server) {
        LongAdder adder = answered.get(server);
        return adder == null ? 0 : adder.sum();
    }
}

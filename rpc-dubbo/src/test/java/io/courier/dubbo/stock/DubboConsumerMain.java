package io.courier.dubbo.stock;

import io.courier.dubbo.fixture.Account;
import io.courier.dubbo.fixture.AccountException;
import io.courier.dubbo.fixture.Accounts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.MethodConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import org.apache.dubbo.rpc.RpcContext;
import org.apache.dubbo.rpc.RpcException;

/**
 * A stock Apache Dubbo consumer, run in its own JVM with Dubbo's class path and none of Courier's: it
 * finds {@link Accounts} through ZooKeeper (args: the ZooKeeper address, then the calls of the load
 * step and its threads) and prints one {@code RESULT <step> ok|fail <detail>} line per step.
 */
public final class DubboConsumerMain {

    private DubboConsumerMain() {}

    public static void main(String[] args) throws Exception {
        String zookeeper = args[0];
        int loadCalls = Integer.parseInt(args[1]);
        int loadThreads = Integer.parseInt(args[2]);
        Loopback.pin();
        ApplicationConfig application = new ApplicationConfig("stock-dubbo-consumer");
        application.setQosEnable(false);
        application.setQosCheck(false);
        application.setLogger("slf4j");
        MethodConfig slow = new MethodConfig();
        slow.setName("slow");
        slow.setTimeout(500);
        slow.setRetries(0);
        ReferenceConfig<Accounts> reference = new ReferenceConfig<>();
        reference.setInterface(Accounts.class);
        reference.setTimeout(5_000);
        reference.setMethods(List.of(slow));
        DubboBootstrap bootstrap = DubboBootstrap.getInstance()
                .application(application)
                .registry(new RegistryConfig("zookeeper://" + zookeeper))
                .reference(reference)
                .start();
        try {
            Accounts accounts = reference.get();
            step("sync", () -> check(accounts.hello("dubbo"), "hello dubbo"));
            step("bean", () -> check(accounts.deposit(new Account("ann", 10), 5).toString(), "ann:15"));
            step("async", () -> check(accounts.helloAsync("later").get(5, TimeUnit.SECONDS), "hello later"));
            step("exception", () -> {
                try {
                    accounts.withdraw("ann", 100);
                    return "no exception";
                } catch (AccountException e) {
                    return check(e.getMessage() + " short by " + e.shortBy(), "not enough in ann short by 90");
                }
            });
            step("attachments", () -> {
                RpcContext.getClientAttachment().setAttachment("tenant", "t-1");
                String seen = accounts.attachment("tenant");
                Object answered = RpcContext.getServerContext().getObjectAttachment("served-by");
                return check(seen + " " + answered, "t-1 courier");
            });
            step("timeout", () -> {
                try {
                    return "answered " + accounts.slow(3_000);
                } catch (RpcException e) {
                    return e.isTimeout() ? null : "not a timeout: " + e;
                }
            });
            step("load", () -> load(accounts, loadCalls, loadThreads));
        } finally {
            bootstrap.stop();
        }
        System.exit(0);
    }

    private static String load(Accounts accounts, int calls, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> first = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                        try {
                            String answer = accounts.hello("n" + i);
                            if (!answer.equals("hello n" + i)) {
                                throw new IllegalStateException("answer " + answer);
                            }
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                            first.compareAndSet(null, e.toString());
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return failed.get() == 0 ? null : failed.get() + " of " + calls + " failed, first: " + first.get();
    }

    /** A step's check: {@code null} when it passed, else what went wrong. */
    @FunctionalInterface
    private interface Step {
        String run() throws Exception;
    }

    private static void step(String name, Step step) {
        String problem;
        try {
            problem = step.run();
        } catch (Throwable e) {
            problem = e.toString().replace('\n', ' ');
        }
        System.out.println("RESULT " + name + " " + (problem == null ? "ok" : "fail " + problem));
        System.out.flush();
    }

    private static String check(String actual, String expected) {
        return expected.equals(actual) ? null : "got '" + actual + "', expected '" + expected + "'";
    }
}

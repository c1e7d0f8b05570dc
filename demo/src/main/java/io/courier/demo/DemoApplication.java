package io.courier.demo;

import io.courier.api.ErrorCode;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Starts providers and consumers of {@link UserService} in one JVM and prints real calls:
 *
 * <ol>
 *   <li>a direct connection (no registry): sync, async, oneway calls and a business exception;
 *   <li>two providers and a consumer that find each other through an embedded ZooKeeper, with one
 *       provider stopped in the middle of the traffic and no call failing.
 * </ol>
 *
 * Exits 0 when every step succeeded, 1 otherwise; never runs longer than {@link #TIME_LIMIT_SECONDS}.
 */
public final class DemoApplication {

    static final long TIME_LIMIT_SECONDS = 120;

    private DemoApplication() {}

    public static void main(String[] args) {
        Thread watchdog = new Thread(DemoApplication::timeLimit, "demo-time-limit");
        watchdog.setDaemon(true);
        watchdog.start();
        int status;
        try {
            directConnection();
            throughTheRegistry();
            System.out.println();
            System.out.println("Demo finished: every call succeeded.");
            status = 0;
        } catch (Exception | AssertionError e) {
            System.out.println();
            System.out.println("Demo FAILED: " + e);
            e.printStackTrace(System.out);
            status = 1;
        }
        // Everything was closed above; exiting explicitly bounds the run even if a library left a
        // non-daemon thread behind.
        System.exit(status);
    }

    /** Step 1: a consumer calls a provider at a known address. */
    static void directConnection() throws Exception {
        section("1. Direct connection: a consumer calls a provider at a known address, no registry");
        try (Courier provider = Courier.builder()
                        .application("user-provider")
                        .host("127.0.0.1")
                        .port(0)
                        .shutdownHook(false)
                        .export(new InMemoryUserService("provider-1"))
                        .start();
                Courier consumer = Courier.builder()
                        .application("shop")
                        .shutdownHook(false)
                        .start()) {
            System.out.println("provider listening on " + provider.endpoint().orElseThrow());
            UserService users = consumer.reference(
                    UserService.class,
                    ReferenceOptions.builder()
                            .directEndpoints(List.of(provider.endpoint().orElseThrow()))
                            .build());

            print("users.find(1)", users.find(1));
            try {
                users.find(42);
                throw new AssertionError("find(42) should have thrown");
            } catch (UserNotFoundException e) {
                print("users.find(42)", "threw UserNotFoundException: " + e.getMessage());
            }
            print("users.search(\"A\") (async)", users.search("A").get(5, TimeUnit.SECONDS));
            users.touch(1);
            print("users.touch(1) (oneway)", "sent; the consumer did not wait");
            print("users.whoAmI()", users.whoAmI());
        }
    }

    /** Step 2: two providers register in an embedded ZooKeeper; one stops while calls flow. */
    static void throughTheRegistry() throws InterruptedException {
        section("2. Registry: two providers and a consumer meet in an embedded ZooKeeper");
        Courier first = provider("provider-1");
        Courier second = provider("provider-2");
        try (Courier consumer = Courier.builder()
                .application("shop")
                .registry("embedded")
                .shutdownHook(false)
                .start()) {
            ShopClient client = consumer.inject(new ShopClient());
            waitForBothProviders(client);
            print("client.nameOf(2)", client.nameOf(2));
            print("client.nameOf(9)", client.nameOf(9));

            Map<String, Integer> servedBy = new TreeMap<>();
            int calls = 400;
            for (int i = 0; i < calls; i++) {
                if (i == calls / 2) {
                    System.out.println("... stopping provider-1 after " + i + " calls (graceful close)");
                    first.close();
                }
                servedBy.merge(client.servedBy(), 1, Integer::sum);
            }
            print(calls + " calls while provider-1 stopped halfway; served by", servedBy);
            if (servedBy.values().stream().mapToInt(Integer::intValue).sum() != calls) {
                throw new AssertionError("lost calls: " + servedBy);
            }
        } finally {
            first.close();
            second.close();
        }
    }

    private static Courier provider(String name) {
        return Courier.builder()
                .application("user-provider")
                .registry("embedded")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .export(new InMemoryUserService(name))
                .start();
    }

    /**
     * Registration and discovery are asynchronous: call until both providers have answered, for at
     * most 10 s. Until the registry's first push reaches the consumer, calls fail with NO_PROVIDER.
     */
    private static void waitForBothProviders(ShopClient client) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Set<String> seen = new TreeSet<>();
        while (seen.size() < 2) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + seen + " answered within 10 s");
            }
            try {
                seen.add(client.servedBy());
            } catch (RpcException e) {
                if (e.code() != ErrorCode.NO_PROVIDER) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
        print("providers found through the registry", seen);
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    private static void print(String call, Object result) {
        System.out.printf("%-55s -> %s%n", call, result);
    }

    private static void timeLimit() {
        try {
            Thread.sleep(TimeUnit.SECONDS.toMillis(TIME_LIMIT_SECONDS));
        } catch (InterruptedException e) {
            return;
        }
        System.out.println("Demo FAILED: still running after " + TIME_LIMIT_SECONDS + " s");
        Runtime.getRuntime().halt(1);
    }
}

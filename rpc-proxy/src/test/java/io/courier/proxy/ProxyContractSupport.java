package io.courier.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcContext;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.proxy.ProxyFactory;
import io.courier.spi.ExtensionLoader;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link ProxyFactory} contract test shares: the factory under test, an in-process
 * "wire" between a consumer proxy and a provider dispatcher of that factory, and the services they
 * call. Calls travel in-process: a consumer proxy's invoker hands the invocation to a dispatcher from
 * the same factory, hopping onto a "wire" thread as a transport would. The proxy and the dispatcher
 * use distinct {@link ServiceDescriptor} instances of the interface, as two processes would. The
 * contract itself is in {@link ProxyFactoryContractTest} (calls, results and failures) and {@link
 * ProxyShapesContractTest} (values, methods and classes).
 */
@Timeout(60)
abstract class ProxyContractSupport {

    static final Duration WAIT = Duration.ofSeconds(10);

    ProxyFactory factory;

    ExecutorService wireThread;

    ExecutorService completer;

    /** The extension name of the factory under test. */
    abstract String factoryName();

    @BeforeEach
    void setUp() {
        factory = ExtensionLoader.of(ProxyFactory.class).get(factoryName());
        wireThread = startedPool(1, "wire");
        completer = startedPool(2, "completer");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        RpcContext.current().clearAttachments();
        wireThread.shutdownNow();
        completer.shutdownNow();
        assertThat(wireThread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(completer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    // --- registration ---

    // --- synchronous calls ---

    // --- asynchronous calls ---

    // --- oneway calls ---

    // --- exceptions ---

    // --- values ---

    // --- signatures ---

    // --- creation and caching ---

    WeakReference<ClassLoader> useAndDropIsolatedLoader() throws Exception {
        IsolatingClassLoader loader = new IsolatingClassLoader(Greeter.class, SimpleGreeter.class);
        Class<?> isolated = loader.loadClass(Greeter.class.getName());
        Object proxy = isolatedGreeter(loader, isolated);
        assertThat(isolated.getMethod("greetTwice", String.class).invoke(proxy, "Ada"))
                .isEqualTo("Hello Ada Hello Ada");
        return new WeakReference<>(loader);
    }

    /** A proxy of the isolated Greeter wired to a dispatcher of the isolated SimpleGreeter. */
    @SuppressWarnings("unchecked")
    Object isolatedGreeter(ClassLoader loader, Class<?> isolated) throws Exception {
        Object implementation =
                loader.loadClass(SimpleGreeter.class.getName()).getConstructor().newInstance();
        Invoker dispatcher = factory.createDispatcher(implementation, ServiceDescriptor.of(isolated));
        return factory.createProxy(
                (Class<Object>) isolated,
                ServiceKey.of(isolated),
                ServiceDescriptor.of(isolated),
                new Wire(dispatcher));
    }

    // --- wiring ---

    /** A consumer proxy of {@code type} calling {@code implementation} in-process. */
    <T> T connect(Class<T> type, T implementation) {
        return proxy(type, wire(type, implementation));
    }

    <T> T proxy(Class<T> type, Invoker invoker) {
        return factory.createProxy(type, ServiceKey.of(type), ServiceDescriptor.of(type), invoker);
    }

    Invoker dispatcher(Class<?> type, Object implementation) {
        return factory.createDispatcher(implementation, ServiceDescriptor.of(type));
    }

    Wire wire(Class<?> type, Object implementation) {
        return new Wire(dispatcher(type, implementation));
    }

    /** Records what a proxy sends and hands it to a dispatcher on the wire thread. */
    final class Wire implements Invoker {

        final List<Invocation> sent = new CopyOnWriteArrayList<>();
        private final Invoker dispatcher;

        Wire(Invoker dispatcher) {
            this.dispatcher = dispatcher;
        }

        @Override
        public CompletableFuture<RpcResult> invoke(Invocation invocation) {
            sent.add(invocation);
            return CompletableFuture.supplyAsync(() -> invocation, wireThread).thenCompose(dispatcher::invoke);
        }
    }

    /**
     * A fixed pool whose threads exist before any test code runs: a thread created lazily while an
     * isolated class is on the stack would inherit an access control context that holds its class
     * loader, and keep it alive.
     */
    static ExecutorService startedPool(int threads, String prefix) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), named(prefix));
        pool.prestartAllCoreThreads();
        return pool;
    }

    static ThreadFactory named(String prefix) {
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + System.nanoTime());
            thread.setDaemon(true);
            return thread;
        };
    }

    // --- implementations, non-public on purpose ---

    static final class PrimitiveProvider implements PrimitiveService {
        @Override
        public boolean not(boolean value) {
            return !value;
        }

        @Override
        public byte nextByte(byte value) {
            return (byte) (value + 1);
        }

        @Override
        public short nextShort(short value) {
            return (short) (value + 1);
        }

        @Override
        public char nextChar(char value) {
            return (char) (value + 1);
        }

        @Override
        public int nextInt(int value) {
            return value + 1;
        }

        @Override
        public long nextLong(long value) {
            return value + 1;
        }

        @Override
        public float half(float value) {
            return value / 2;
        }

        @Override
        public double twice(double value) {
            return value * 2;
        }

        @Override
        public String describe(boolean z, byte b, short s, char c, int i, long l, float f, double d) {
            return z + " " + b + " " + s + " " + c + " " + i + " " + l + " " + f + " " + d;
        }

        @Override
        public int count() {
            return 42;
        }
    }

    static final class OverloadedProvider implements OverloadedService {
        @Override
        public String over() {
            return "()";
        }

        @Override
        public String over(int value) {
            return "int " + value;
        }

        @Override
        public String over(long value) {
            return "long " + value;
        }

        @Override
        public String over(Integer value) {
            return "Integer " + value;
        }

        @Override
        public String over(String value) {
            return "String " + value;
        }

        @Override
        public String over(String first, String second) {
            return "String,String " + first + " " + second;
        }

        @Override
        public String over(Object value) {
            return "Object " + value;
        }
    }

    static final class InMemoryUsers implements UserRepository {
        private final Map<Long, User> users = new TreeMap<>();

        @Override
        public synchronized User get(Long id) {
            return users.get(id);
        }

        @Override
        public synchronized void put(User value) {
            users.put(value.id(), value);
        }

        @Override
        public synchronized List<User> all() {
            return List.copyOf(users.values());
        }

        @Override
        public String name() {
            return "users";
        }

        @Override
        public <T extends Comparable<T>> List<T> sorted(List<T> values) {
            return values.stream().sorted().toList();
        }

        @Override
        public Map<String, List<Long>> idsByName(Map<Long, String> names) {
            return new TreeMap<>(new TreeMap<>(names)
                    .entrySet().stream()
                            .collect(Collectors.groupingBy(
                                    Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList()))));
        }
    }

    static final class RemoteDescription implements DescribedService {
        @Override
        public String describe() {
            return "described remotely";
        }

        @Override
        public String toString() {
            return "remote toString";
        }
    }

    static final class HiddenImplementation implements InternalService {
        @Override
        public String secret(int code) {
            return "secret-" + code;
        }
    }
}

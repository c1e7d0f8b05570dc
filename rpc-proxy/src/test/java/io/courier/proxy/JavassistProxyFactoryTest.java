package io.courier.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.proxy.internal.ConsumerCalls;
import io.courier.proxy.internal.DispatcherClassGenerator;
import io.courier.proxy.internal.DispatchingInvoker;
import io.courier.proxy.internal.ProxyClassGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The contract, plus what only generated classes promise: direct calls and one class per interface. */
class JavassistProxyFactoryTest extends ProxyFactoryContractTest {

    @Override
    String factoryName() {
        return "javassist";
    }

    @Test
    void dispatcher_callsTheImplementationDirectlyWithoutReflection() {
        StackRecordingGreeter implementation = new StackRecordingGreeter();
        ServiceDescriptor service = ServiceDescriptor.of(Greeter.class);
        Invoker dispatcher = factory.createDispatcher(implementation, service);

        RpcResult result = dispatcher
                .invoke(Invocation.of(
                        ServiceKey.of(Greeter.class), service.find("greet(java.lang.String)"), new Object[] {"Ada"}))
                .join();

        assertThat(result.value()).isEqualTo("recorded Ada");
        StackTraceElement[] stack = implementation.stack;
        assertThat(stack[0].getClassName()).isEqualTo(StackRecordingGreeter.class.getName());
        // The generated dispatcher calls the implementation with nothing in between.
        assertThat(stack[1].getClassName()).isEqualTo("io.courier.proxy.Greeter$$CourierDispatcher");
        assertThat(stack[1].getMethodName()).isEqualTo("call");
        assertThat(stack[2].getClassName()).isEqualTo(DispatchingInvoker.class.getName());
        assertThat(ownFrames(stack)).noneMatch(JavassistProxyFactoryTest::isReflective);
    }

    @Test
    void proxy_callsTheInvokerDirectlyWithoutReflection() {
        List<StackTraceElement[]> stacks = new ArrayList<>();
        Greeter greeter = proxy(Greeter.class, invocation -> {
            stacks.add(new Throwable().getStackTrace());
            return CompletableFuture.completedFuture(RpcResult.of("hi"));
        });

        assertThat(greeter.greet("Ada")).isEqualTo("hi");

        List<String> frames = new ArrayList<>();
        for (StackTraceElement frame : stacks.get(0)) {
            frames.add(frame.getClassName() + "." + frame.getMethodName());
        }
        assertThat(frames)
                .containsSubsequence(
                        ConsumerCalls.class.getName() + ".call",
                        "io.courier.proxy.Greeter$$CourierProxy.greet",
                        getClass().getName() + ".proxy_callsTheInvokerDirectlyWithoutReflection");
        int generated = frames.indexOf("io.courier.proxy.Greeter$$CourierProxy.greet");
        assertThat(frames.get(generated - 1)).isEqualTo(ConsumerCalls.class.getName() + ".call");
        assertThat(frames.get(generated + 1))
                .isEqualTo(getClass().getName() + ".proxy_callsTheInvokerDirectlyWithoutReflection");
        assertThat(ownFrames(stacks.get(0))).noneMatch(JavassistProxyFactoryTest::isReflective);
    }

    @Test
    void generatedClasses_liveNextToTheirInterfaceOncePerClassLoader() throws Exception {
        Class<?> proxyClass = ProxyClassGenerator.proxyClass(Greeter.class);
        Class<?> dispatcherClass = DispatcherClassGenerator.dispatcherClass(Greeter.class);

        assertThat(proxyClass.getName()).isEqualTo("io.courier.proxy.Greeter$$CourierProxy");
        assertThat(dispatcherClass.getName()).isEqualTo("io.courier.proxy.Greeter$$CourierDispatcher");
        assertThat(proxyClass.getClassLoader()).isSameAs(Greeter.class.getClassLoader());
        assertThat(ProxyClassGenerator.proxyClass(Greeter.class)).isSameAs(proxyClass);
        assertThat(DispatcherClassGenerator.dispatcherClass(Greeter.class)).isSameAs(dispatcherClass);
        assertThat(connect(Greeter.class, new SimpleGreeter())).isInstanceOf(proxyClass);

        IsolatingClassLoader loader = new IsolatingClassLoader(Greeter.class);
        Class<?> isolated = loader.loadClass(Greeter.class.getName());
        assertThat(DispatcherClassGenerator.dispatcherClass(isolated))
                .isNotSameAs(dispatcherClass)
                .satisfies(type -> assertThat(type.getClassLoader()).isSameAs(loader));
    }

    @Test
    void interfaceInAPackageNotOpenToCourier_failsNamingTheJdkFactory() {
        assertThatThrownBy(() -> proxy(Supplier.class, invocation -> new CompletableFuture<>()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot generate a proxy class for java.util.function.Supplier")
                .hasMessageContaining("the 'jdk' ProxyFactory generates no classes");
    }

    @Test
    void concurrentFirstUse_agreesOnOneClass() throws Exception {
        IsolatingClassLoader loader = new IsolatingClassLoader(Greeter.class);
        Class<?> isolated = loader.loadClass(Greeter.class.getName());
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads, named("racer"));
        try {
            List<Future<Class<?>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return ProxyClassGenerator.proxyClass(isolated);
                }));
            }
            start.countDown();
            Class<?> first = results.get(0).get(30, TimeUnit.SECONDS);
            for (Future<Class<?>> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** The frames above this test method; JUnit itself calls the test reflectively. */
    private List<StackTraceElement> ownFrames(StackTraceElement[] stack) {
        List<StackTraceElement> frames = new ArrayList<>();
        for (StackTraceElement frame : stack) {
            frames.add(frame);
            if (frame.getClassName().equals(getClass().getName())) {
                break;
            }
        }
        assertThat(frames.get(frames.size() - 1).getClassName())
                .isEqualTo(getClass().getName());
        return frames;
    }

    private static boolean isReflective(StackTraceElement frame) {
        String type = frame.getClassName();
        return type.startsWith("java.lang.reflect.")
                || type.startsWith("jdk.internal.reflect.")
                || type.startsWith("java.lang.invoke.");
    }

    private static final class StackRecordingGreeter implements Greeter {
        volatile StackTraceElement[] stack;

        @Override
        public String greet(String name) {
            stack = new Throwable().getStackTrace();
            return "recorded " + name;
        }
    }
}

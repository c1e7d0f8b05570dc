package io.courier.bench.micro;

import io.courier.api.Invoker;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.proxy.ProxyFactory;
import io.courier.bench.workload.SyntheticUserService;
import io.courier.bench.workload.User;
import io.courier.bench.workload.UserService;
import io.courier.spi.ExtensionLoader;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a consumer proxy and a provider dispatcher add to a call, without any network: the proxy builds the
 * {@code Invocation} and waits on the invoker's future, the invoker is the dispatcher, and the dispatcher calls the
 * implementation. The {@code direct} benchmarks call the implementation itself; the difference is the cost of the
 * two generated classes. {@code existUser} is nearly free in the implementation, so it shows the overhead plainly;
 * {@code createUser} passes an object argument.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ProxyBenchmark {

    @Param({"javassist", "jdk"})
    public String factory;

    private UserService direct;
    private UserService proxied;
    private User user;
    private String email;

    @Setup
    public void setUp() {
        direct = new SyntheticUserService();
        ProxyFactory proxies = ExtensionLoader.of(ProxyFactory.class).get(factory);
        ServiceDescriptor service = ServiceDescriptor.of(UserService.class);
        Invoker dispatcher = proxies.createDispatcher(new SyntheticUserService(), service);
        proxied = proxies.createProxy(UserService.class, ServiceKey.of(UserService.class), service, dispatcher);
        user = SyntheticUserService.user(1, LocalDateTime.now());
        email = "someone@example.com7";
    }

    @Benchmark
    public boolean existUserDirect() {
        return direct.existUser(email);
    }

    @Benchmark
    public boolean existUserProxied() {
        return proxied.existUser(email);
    }

    @Benchmark
    public boolean createUserDirect() {
        return direct.createUser(user);
    }

    @Benchmark
    public boolean createUserProxied() {
        return proxied.createUser(user);
    }
}

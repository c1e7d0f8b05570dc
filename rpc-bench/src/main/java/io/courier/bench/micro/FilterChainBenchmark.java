package io.courier.bench.micro;

import io.courier.api.Invoker;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.proxy.ProxyFactory;
import io.courier.bench.workload.SyntheticUserService;
import io.courier.bench.workload.UserService;
import io.courier.filter.FilterChains;
import io.courier.filter.ServiceFilterContext;
import io.courier.filter.SharedObjects;
import io.courier.filter.config.FilterKeys;
import io.courier.spi.ExtensionLoader;
import io.courier.spi.Side;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What Courier's filter chains cost per call, against empty chains, without any network: proxy, consumer chain,
 * provider chain, dispatcher, implementation, all in one thread. The chains are assembled as the bootstrap assembles
 * them ({@link FilterChains#build} with the filters activated for each side): {@code default} with no configuration
 * (as shipped: tracing without an SDK, metrics and limits off), {@code metrics} with
 * {@code courier.filter.metrics.enabled=true} on top (the target configuration: metrics on, tracing without an
 * SDK, limits off), {@code empty} with no filter. The consumer chain's attachments reach the provider chain as they
 * would after the wire. The difference to {@code empty} is the chains' cost; divided by the CPU time one end-to-end
 * call takes (cores / throughput in {@code RpcBenchmark}), it estimates their throughput cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FilterChainBenchmark {

    private static final ServiceKey KEY = ServiceKey.of(UserService.class);

    @Param({"empty", "default", "metrics"})
    public String chains;

    private SharedObjects consumerShared;
    private SharedObjects providerShared;
    private UserService service;
    private String email;

    @Setup
    public void setUp() {
        ServiceDescriptor descriptor = ServiceDescriptor.of(UserService.class);
        ProxyFactory proxies = ExtensionLoader.of(ProxyFactory.class).getDefault();
        Invoker dispatcher = proxies.createDispatcher(new SyntheticUserService(), descriptor);
        consumerShared = new SharedObjects();
        providerShared = new SharedObjects();
        Invoker provider = chain(Side.PROVIDER, descriptor, providerShared, dispatcher);
        Invoker consumer = chain(Side.CONSUMER, descriptor, consumerShared, provider);
        service = proxies.createProxy(UserService.class, KEY, descriptor, consumer);
        email = "someone@example.com7";
    }

    private Invoker chain(Side side, ServiceDescriptor descriptor, SharedObjects shared, Invoker next) {
        Map<String, String> properties =
                chains.equals("metrics") ? Map.of(FilterKeys.METRICS_ENABLED.name(), "true") : Map.of();
        ServiceFilterContext context = ServiceFilterContext.builder(side, KEY, descriptor)
                .application("courier-bench")
                .properties(properties)
                .shared(shared)
                .build();
        return chains.equals("empty")
                ? FilterChains.build(List.of(), context, next)
                : FilterChains.build(context, next);
    }

    @TearDown
    public void tearDown() {
        consumerShared.close();
        providerShared.close();
    }

    @Benchmark
    public boolean existUser() {
        return service.existUser(email);
    }
}

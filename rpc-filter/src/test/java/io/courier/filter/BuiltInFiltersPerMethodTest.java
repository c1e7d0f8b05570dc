package io.courier.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.spi.Side;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The built-in filters decide per method when the chain is bound: a method they have nothing to do
 * for has no frame of theirs on its calls, and each method's filter works with that method's own
 * settings.
 */
class BuiltInFiltersPerMethodTest {

    private static final String RATE = "io.courier.filter.limit.MethodRate";
    private static final String CONCURRENCY = "io.courier.filter.limit.MethodConcurrency";
    private static final String METRICS = "io.courier.filter.metrics.MethodMetrics";
    private static final String ACCESS_LOG = "io.courier.filter.accesslog.AccessLogging";

    private final SharedObjects shared = new SharedObjects();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    /** The stack at the implementation, by method name, of the last call. */
    private final Map<String, List<String>> stacks = new ConcurrentHashMap<>();
    /** The answer the implementation gives to {@code echo}: held open, so that the call stays in flight. */
    private final CompletableFuture<RpcResult> heldEcho = new CompletableFuture<>();

    private final Invoker implementation = invocation -> {
        stacks.put(
                invocation.method().name(),
                Arrays.stream(new Throwable().getStackTrace())
                        .map(StackTraceElement::getClassName)
                        .toList());
        return invocation.method().name().equals("echo")
                ? heldEcho
                : CompletableFuture.completedFuture(RpcResult.of(null));
    };

    @AfterEach
    void close() {
        heldEcho.complete(RpcResult.of("late"));
        shared.close();
    }

    @Test
    void eachMethodsChain_holdsOnlyTheFiltersWithSomethingToDoForIt_specialisedToItsSettings() {
        shared.register(MeterRegistry.class, meters);
        Invoker chain = Fixtures.chain(
                Side.PROVIDER,
                Echo.class,
                Map.of(
                        "courier.filter.metrics.enabled", "true",
                        "courier.filter.fail.metrics.enabled", "false",
                        "courier.filter.echo.access-log.enabled", "true",
                        "courier.filter.echo.concurrency-limit.max", "1",
                        "courier.filter.work.rate-limit.qps", "0"),
                shared,
                implementation);

        CompletableFuture<RpcResult> firstEcho = chain.invoke(Fixtures.call(Echo.class, "echo", "a"));
        assertThat(stacks.get("echo"))
                .contains(METRICS, ACCESS_LOG, CONCURRENCY)
                .doesNotContain(RATE);
        // echo's own limit of one call in flight; work has no concurrency limit and fail none at all.
        assertThatThrownBy(() ->
                        chain.invoke(Fixtures.call(Echo.class, "echo", "b")).join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(RpcException.class)
                .hasMessageContaining("limit of 1 concurrent calls");

        chain.invoke(Fixtures.call(Echo.class, "fail", "x")).join();
        assertThat(stacks.get("fail")).doesNotContain(METRICS, ACCESS_LOG, CONCURRENCY, RATE);

        // work's own rate of 0 refuses it before it runs; echo above was not rate limited.
        assertThatThrownBy(
                        () -> chain.invoke(Fixtures.call(Echo.class, "work", 1)).join())
                .cause()
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        assertThat(stacks).doesNotContainKey("work");

        heldEcho.complete(RpcResult.of("done"));
        assertThat(firstEcho.join().value()).isEqualTo("done");
        assertThat(meters.find("courier.rpc.calls").tag("method", "echo").counter())
                .isNotNull()
                .satisfies(counter -> assertThat(counter.count()).isEqualTo(2.0));
        assertThat(meters.find("courier.rpc.calls").tag("method", "fail").counter())
                .isNull();
    }

    @Test
    void aServiceWithoutSettings_hasNoneOfTheOptionalFilters_onAnyMethod() {
        Invoker chain = Fixtures.chain(Side.PROVIDER, Echo.class, Map.of(), shared, implementation);

        for (String method : List.of("fail", "work")) {
            Invocation call = Fixtures.call(Echo.class, method, method.equals("work") ? 1 : "x");
            chain.invoke(call).join();
            assertThat(stacks.get(method))
                    .as(method)
                    .doesNotContain(METRICS, ACCESS_LOG, CONCURRENCY, RATE)
                    .noneMatch(frame -> frame.startsWith("io.courier.filter.tracing."));
        }
    }
}

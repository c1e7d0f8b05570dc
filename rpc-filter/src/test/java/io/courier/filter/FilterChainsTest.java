package io.courier.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.filter.deadline.Deadlines;
import io.courier.spi.ExtensionLoader;
import io.courier.spi.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FilterChainsTest {

    private final SharedObjects shared = new SharedObjects();

    @AfterEach
    void close() {
        shared.close();
    }

    @Test
    void build_runsBoundFiltersInListOrder_andLeavesOutThoseThatDeclineToBind() {
        List<String> trace = new CopyOnWriteArrayList<>();
        List<FilterFactory> filters = List.of(recording("a", trace), declining(), recording("b", trace));
        FilterContext context = Fixtures.context(Side.PROVIDER, Echo.class, Map.of(), shared);

        Invoker chain = FilterChains.build(filters, context, invocation -> {
            trace.add("impl");
            return CompletableFuture.completedFuture(RpcResult.of("ok"));
        });

        assertThat(chain.invoke(Fixtures.call(Echo.class, "echo", "x")).join().value())
                .isEqualTo("ok");
        assertThat(trace).containsExactly("a", "b", "impl");
    }

    @Test
    void build_returnsTheNextInvokerItself_whenNoFilterBinds() {
        Invoker next = invocation -> CompletableFuture.completedFuture(RpcResult.of(null));
        FilterContext context = Fixtures.context(Side.CONSUMER, Echo.class, Map.of(), shared);

        assertThat(FilterChains.build(List.of(declining()), context, next)).isSameAs(next);
    }

    @Test
    void build_leavesAFilterOutOfTheChainOfAMethodItHasNothingToDoFor() {
        List<String> trace = new CopyOnWriteArrayList<>();
        List<StackTraceElement[]> stacks = new CopyOnWriteArrayList<>();
        List<String> boundTo = new CopyOnWriteArrayList<>();
        FilterContext context = Fixtures.context(Side.PROVIDER, Echo.class, Map.of(), shared);

        Invoker chain = FilterChains.build(
                List.of(recording("a", trace), bound(new SkipsEcho(trace, boundTo))), context, invocation -> {
                    trace.add("impl");
                    stacks.add(new Throwable().getStackTrace());
                    return CompletableFuture.completedFuture(RpcResult.of("ok"));
                });

        assertThat(chain.invoke(Fixtures.call(Echo.class, "echo", "x")).join().value())
                .isEqualTo("ok");
        assertThat(trace).containsExactly("a", "impl");
        assertThat(stacks.get(0)).noneMatch(frame -> frame.getClassName().startsWith(SkipsEcho.class.getName()));

        trace.clear();
        assertThat(chain.invoke(Fixtures.call(Echo.class, "work", 1)).join().value())
                .isEqualTo("ok");
        assertThat(trace).containsExactly("a", "skips-echo", "impl");
        assertThat(stacks.get(1)).anyMatch(frame -> frame.getClassName().equals(SkipsEcho.class.getName()));
        // Bound once per method, when the chain was built, never per call.
        assertThat(boundTo).containsExactlyInAnyOrder("echo", "fail", "work");
    }

    @Test
    void build_aMethodThatNoFilterBindsTo_callsTheNextInvokerDirectly_keepingTheContract() {
        List<String> trace = new CopyOnWriteArrayList<>();
        FilterContext context = Fixtures.context(Side.CONSUMER, Echo.class, Map.of(), shared);
        Invoker chain =
                FilterChains.build(List.of(bound(new SkipsEcho(trace, new ArrayList<>()))), context, invocation -> {
                    throw new IllegalStateException("broken invoker");
                });

        assertThatThrownBy(() ->
                        chain.invoke(Fixtures.call(Echo.class, "echo", "x")).join())
                .hasCauseInstanceOf(RpcException.class);
        assertThat(trace).isEmpty();
    }

    @Test
    void chain_turnsAThrowingFilterIntoAFailedFuture() {
        Filter throwing = (invocation, chain) -> {
            throw new IllegalStateException("bug");
        };
        FilterContext context = Fixtures.context(Side.PROVIDER, Echo.class, Map.of(), shared);
        Invoker chain = FilterChains.build(
                List.of(bound(throwing)), context, invocation -> CompletableFuture.completedFuture(RpcResult.of(1)));

        CompletableFuture<RpcResult> result = chain.invoke(Fixtures.call(Echo.class, "echo", "x"));

        assertThatThrownBy(result::join)
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(RpcException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void chain_turnsAThrowingInvokerIntoAFailedFuture() {
        Filter passing = (invocation, chain) -> chain.proceed(invocation);
        FilterContext context = Fixtures.context(Side.PROVIDER, Echo.class, Map.of(), shared);
        Invoker chain = FilterChains.build(List.of(bound(passing)), context, invocation -> {
            throw new RpcException(ErrorCode.NETWORK, "down");
        });

        assertThatThrownBy(() ->
                        chain.invoke(Fixtures.call(Echo.class, "echo", "x")).join())
                .cause()
                .isInstanceOf(RpcException.class)
                .hasMessage("down");
    }

    @Test
    void build_callsBindOncePerChain_notPerCall() {
        AtomicInteger binds = new AtomicInteger();
        FilterFactory counting = context -> {
            binds.incrementAndGet();
            return (invocation, chain) -> chain.proceed(invocation);
        };
        FilterContext context = Fixtures.context(Side.PROVIDER, Echo.class, Map.of(), shared);
        Invoker chain = FilterChains.build(
                List.of(counting), context, invocation -> CompletableFuture.completedFuture(RpcResult.of(1)));

        for (int i = 0; i < 5; i++) {
            chain.invoke(Fixtures.call(Echo.class, "echo", "x")).join();
        }

        assertThat(binds).hasValue(1);
    }

    @Test
    void activated_placesTheUserFilterAtItsDeclaredOrderAmongTheBuiltIns() {
        List<String> provider = names(Side.PROVIDER);
        List<String> consumer = names(Side.CONSUMER);

        assertThat(provider)
                .containsExactly(
                        "tracing",
                        "metrics",
                        "access-log",
                        "signature",
                        "auth",
                        "deadline",
                        "order-probe",
                        "rate-limit",
                        "concurrency-limit");
        assertThat(consumer)
                .containsExactly(
                        "tracing",
                        "metrics",
                        "access-log",
                        "deadline",
                        "order-probe",
                        "consumer-rate-limit",
                        "consumer-concurrency-limit",
                        "consumer-auth",
                        "consumer-signature");
    }

    @Test
    void userFilter_registeredOnlyThroughServicesFile_runsBetweenDeadlineAndRateLimit() {
        String token = "0123456789abcdef0123";
        Map<String, String> properties = Map.of(
                "courier.filter.order-probe.enabled", "true",
                "courier.filter.auth.tokens", token,
                "courier.filter.rate-limit.qps", "0");
        AtomicInteger executed = new AtomicInteger();
        Invoker provider =
                Fixtures.chain(Side.PROVIDER, Echo.class, properties, shared, Fixtures.implementation(invocation -> {
                    executed.incrementAndGet();
                    return "ran";
                }));
        Invocation call = Fixtures.call(Echo.class, "echo", "x").withAttachment(Deadlines.BUDGET, "1000");

        // Refused by auth (450): the probe never sees it.
        assertThatThrownBy(() -> provider.invoke(call).join())
                .cause()
                .satisfies(e -> assertThat(((RpcException) e).code()).isEqualTo(ErrorCode.FORBIDDEN));
        // Admitted by auth, stamped by the deadline filter (500), seen by the probe, then refused by
        // the rate limit (600).
        assertThatThrownBy(() -> provider.invoke(call.withAttachment("courier.token", token))
                        .join())
                .cause()
                .satisfies(e -> assertThat(((RpcException) e).code()).isEqualTo(ErrorCode.RATE_LIMITED));

        List<Map<String, String>> seen =
                shared.find(OrderProbeFilter.Seen.class).orElseThrow().attachments;
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).containsKey(Deadlines.RECEIVED_NANOS).doesNotContainKey("courier.token");
        assertThat(executed).hasValue(0);
    }

    private static List<String> names(Side side) {
        ExtensionLoader<FilterFactory> loader = ExtensionLoader.of(FilterFactory.class);
        List<String> names = new ArrayList<>();
        for (FilterFactory factory : loader.activated(side)) {
            names.add(loader.nameOf(factory.getClass()));
        }
        return names;
    }

    /** A factory that binds {@code filter}, as it is, to every service. */
    private static FilterFactory bound(Filter filter) {
        return context -> filter;
    }

    private static FilterFactory recording(String name, List<String> trace) {
        return bound((invocation, chain) -> {
            trace.add(name);
            return chain.proceed(invocation);
        });
    }

    /** A factory that declines to bind: it makes no filter, so nothing of it can be called. */
    private static FilterFactory declining() {
        return context -> null;
    }

    /** A filter with nothing to do for {@code echo}: bound per method, out of echo's chain. */
    private static final class SkipsEcho implements Filter {
        private final List<String> trace;
        private final List<String> boundTo;

        SkipsEcho(List<String> trace, List<String> boundTo) {
            this.trace = trace;
            this.boundTo = boundTo;
        }

        @Override
        public Filter forMethod(FilterContext context, MethodDescriptor method) {
            boundTo.add(method.name());
            return method.name().equals("echo") ? null : this;
        }

        @Override
        public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
            trace.add("skips-echo");
            return chain.proceed(invocation);
        }
    }
}

package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.bootstrap.fixtures.path.CountingTags;
import io.courier.bootstrap.fixtures.path.StackProbe;
import io.courier.bootstrap.fixtures.path.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pins the consumer's call path (docs/architecture.md, "The path of one call"): the stack of a
 * synchronous call where the transport serializes its request, from the proxy down to the
 * transport's send. No class of the wiring module may be on it, each module's frames form one run
 * (a module is entered once), the modules come in the order of {@link #MODULE_ORDER}, and the number
 * of Courier frames stays within {@link #MAX_FRAMES}.
 * Frames of {@code rpc-api} are the contract's own guards ({@code Invoker.invokeSafely}), not a
 * layer, and are counted but not checked for runs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallPathTest {

    /** The modules a call crosses, innermost first: the proxy calls the filters, the cluster, the transport. */
    static final List<String> MODULE_ORDER = List.of("transport", "cluster", "filter", "proxy");

    /**
     * The depth of the path as designed: 17 Courier frames with the default consumer filters
     * (deadline; tracing leaves the chain when no OpenTelemetry SDK is installed), direct endpoints,
     * with or without circuit breakers: proxy 3, the in-flight count 1 and its guard ({@code
     * Invoker.invokeSafely}) 1, 2 per filter plus the chain's exit 1, the cluster invoker 4 (the live
     * cluster, the retrying invoker and its attempt), the per-endpoint invoker 2 and its guard 1, the
     * transport's invoker and send 2. It was 16 while the in-flight count and the per-endpoint invoker
     * wrote the guard out instead of calling {@code Invoker.invokeSafely} (the one guard now; the chain
     * keeps its own, see {@code ChainLink}), 17 while tracing stayed in the chain as a no-op, 19 with
     * breakers (a decorator of rpc-filter under the per-endpoint invoker, entering that module twice),
     * 20 before this design (two of them in rpc-bootstrap). A margin of 2; raise it only with a reason
     * written in the commit.
     */
    static final int MAX_FRAMES = 19;

    @Test
    void syncCall_crossesEachModuleOnce_withoutTheWiringModule() {
        assertOnePassThroughEachModule(Environments.builder().application("path-consumer"));
    }

    /**
     * With circuit breakers on, the path is the same: their state is in the per-endpoint invoker,
     * not in a decorator of rpc-filter under it (which entered that module a second time).
     */
    @Test
    void syncCall_withCircuitBreakers_addsNoLayer() {
        assertOnePassThroughEachModule(Environments.builder()
                .application("path-breaker-consumer")
                .property("courier.filter.circuit-breaker.enabled", "true"));
    }

    private static void assertOnePassThroughEachModule(CourierBuilder consumerBuilder) {
        try (Courier provider = Environments.builder()
                        .application("path-provider")
                        .export(new CountingTags())
                        .start();
                Courier consumer = consumerBuilder.start()) {
            Tags tags = consumer.reference(
                    Tags.class,
                    ReferenceOptions.builder()
                            .directEndpoints(List.of(Endpoint.of("127.0.0.1", provider.port())))
                            // The first call loads classes and connects; on a busy machine that takes seconds.
                            .timeoutMillis(30_000)
                            .build());
            // The first call opens the connection; the second is the steady path.
            tags.count(new HashMap<>(Map.of("warm", "up")));
            StackProbe probe = new StackProbe(Map.of("a", "b"));
            try {
                tags.count(probe);
            } catch (RuntimeException ignored) {
                // The provider may refuse the probe's class; its stack is taken before the request leaves.
            }

            List<String> path = courierFrames(probe.stack());

            assertThat(path).as("the consumer path").isNotEmpty();
            assertThat(path)
                    .as("no class of rpc-bootstrap on the call path")
                    .noneMatch(frame -> frame.startsWith("io.courier.bootstrap."));
            assertThat(modulesEnteredTwice(path))
                    .as("modules entered more than once")
                    .isEmpty();
            assertThat(modules(path))
                    .as(
                            "the modules of the path, innermost first (docs/architecture.md: proxy, filter, cluster,"
                                    + " transport, in that order):%n%s",
                            String.join("\n", path))
                    .isEqualTo(MODULE_ORDER);
            assertThat(path.size())
                    .as("Courier frames from the proxy to the transport's send:%n%s", String.join("\n", path))
                    .isLessThanOrEqualTo(MAX_FRAMES);
            assertThat(path.get(0)).as("the path ends in the transport").startsWith("io.courier.transport.");
        }
    }

    @Test
    void checks_catchAWiringClassAModuleEnteredTwiceAndTheOrder() {
        List<String> path = List.of(
                "io.courier.transport.internal.client.EndpointInvoker.invoke",
                "io.courier.bootstrap.internal.refer.EndpointLeases$Leased.invoke",
                "io.courier.cluster.internal.InstanceCandidate.invokeCounted",
                "io.courier.api.Invoker.invokeSafely",
                "io.courier.filter.ChainLink.invoke",
                "io.courier.cluster.TagPropagatingInvoker.invoke",
                "io.courier.filter.ChainLink.invoke",
                "io.courier.bootstrap.ConsumerCalls.lambda$track$0");

        assertThat(modulesEnteredTwice(path)).containsExactly("cluster", "filter", "bootstrap");
        assertThat(modules(path).get(1)).isEqualTo("bootstrap");
        // The breaker as an rpc-filter decorator under the per-endpoint invoker: filter below cluster.
        List<String> breakerInFilter = List.of(
                "io.courier.transport.internal.client.EndpointInvoker.invoke",
                "io.courier.filter.breaker.CircuitBreakerInvoker.invoke",
                "io.courier.cluster.internal.InstanceCandidate.send",
                "io.courier.filter.ChainLink.invoke",
                "io.courier.proxy.internal.ConsumerCalls.call");
        assertThat(modules(breakerInFilter)).isNotEqualTo(MODULE_ORDER);
        assertThat(modules(List.of(
                        "io.courier.transport.internal.client.EndpointInvoker.invoke",
                        "io.courier.filter.ChainLink.invoke",
                        "io.courier.cluster.internal.InstanceCandidate.send",
                        "io.courier.proxy.internal.ConsumerCalls.call")))
                .as("filter and cluster swapped")
                .isNotEqualTo(MODULE_ORDER);
        assertThat(modules(List.of(
                        "io.courier.cluster.A.b", "io.courier.api.Invoker.invokeSafely", "io.courier.cluster.C.d")))
                .containsExactly("cluster");
    }

    /**
     * Courier's frames from the first transport frame (where the request is encoded) down to the
     * caller, innermost first; the test's own classes and fixtures left out.
     */
    static List<String> courierFrames(StackTraceElement[] stack) {
        assertThat(stack).as("the probe was serialized on the calling thread").isNotNull();
        List<String> frames = new ArrayList<>();
        boolean inPath = false;
        for (StackTraceElement element : stack) {
            String className = element.getClassName();
            inPath |= className.startsWith("io.courier.transport.");
            boolean ours = className.startsWith("io.courier.")
                    && !className.startsWith(CallPathTest.class.getName())
                    && !className.startsWith("io.courier.bootstrap.fixtures.");
            if (inPath && ours) {
                frames.add(className + "." + element.getMethodName());
            }
        }
        return frames;
    }

    /** The modules (by package) whose frames do not form one contiguous run; rpc-api excluded. */
    static Set<String> modulesEnteredTwice(List<String> frames) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> twice = new LinkedHashSet<>();
        String current = null;
        for (String frame : frames) {
            String module = module(frame);
            if (module.equals("api") || module.equals(current)) {
                continue;
            }
            if (!seen.add(module)) {
                twice.add(module);
            }
            current = module;
        }
        return twice;
    }

    /** The modules of {@code frames} in order of their runs, rpc-api excluded. */
    static List<String> modules(List<String> frames) {
        List<String> modules = new ArrayList<>();
        for (String frame : frames) {
            String module = module(frame);
            if (!module.equals("api")
                    && (modules.isEmpty() || !modules.get(modules.size() - 1).equals(module))) {
                modules.add(module);
            }
        }
        return modules;
    }

    private static String module(String frame) {
        String rest = frame.substring("io.courier.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}

package io.courier.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceInstance;
import io.courier.api.cluster.Cluster;
import io.courier.api.cluster.RouteKey;
import io.courier.cluster.testing.Calls;
import io.courier.cluster.testing.Futures;
import io.courier.cluster.testing.Greeter;
import io.courier.spi.ExtensionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterBuilderTest {

    private static final Endpoint PLAIN = Endpoint.of("10.0.0.1", 20880);
    private static final Endpoint CANARY = Endpoint.of("10.0.0.2", 20880);

    /** What each instance received: its endpoint and the call's tag attachment. */
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());

    private final StaticDirectory directory = StaticDirectory.ofInstances(
            Greeter.KEY,
            List.of(
                    ServiceInstance.builder(Greeter.KEY, PLAIN).build(),
                    ServiceInstance.builder(Greeter.KEY, CANARY)
                            .tags(Set.of("canary"))
                            .build()),
            instance -> invocation -> record(instance.endpoint(), invocation));

    @AfterEach
    void close() {
        directory.close();
    }

    @Test
    void build_usesTheRoutersBalancerAndStrategyNamedInTheOptions() {
        ReferenceOptions options = ReferenceOptions.builder()
                .loadBalancer("roundrobin")
                .cluster("failfast")
                .build();
        Invoker invoker = ClusterBuilder.of(directory, options).build();

        for (int i = 0; i < 3; i++) {
            assertThat(invoker.invoke(Calls.of(Greeter.HELLO, "x"))).isCompleted();
        }

        assertThat(received)
                .as("the tag router keeps untagged calls off the canary")
                .containsOnly(PLAIN + " -");
    }

    @Test
    void unknownExtensionName_failsTheBuild_listingTheKnownOnes() {
        ReferenceOptions options =
                ReferenceOptions.builder().loadBalancer("fastest").build();

        assertThatThrownBy(() -> ClusterBuilder.of(directory, options).build())
                .isInstanceOf(ExtensionException.class)
                .hasMessageContaining("'fastest'")
                .hasMessageContaining("roundrobin");
    }

    @Test
    void tagOfTheServedRequest_isPropagatedToDownstreamCalls() {
        Invoker invoker =
                ClusterBuilder.of(directory, ReferenceOptions.defaults()).build();

        RpcContext.Scope served = RpcContext.serve(Map.of(RpcContext.TAG, "canary"), PLAIN);
        try {
            invoker.invoke(Calls.of(Greeter.HELLO, "x"));
        } finally {
            served.close();
        }
        invoker.invoke(Calls.of(Greeter.HELLO, "x"));

        assertThat(received).containsExactly(CANARY + " canary", PLAIN + " -");
    }

    @Test
    void aStrategyThatIsNotBuiltIn_stillGetsTheTag() {
        // A user's strategy that never calls CandidateSelector.prepare: the builder puts the
        // tag-propagating link in front of it.
        Cluster firstRouted = selector -> invocation -> {
            RouteKey key = selector.routeKey(invocation);
            return selector.select(key, invocation, List.of()).invoker().invoke(invocation);
        };
        Invoker invoker = ClusterBuilder.of(directory, ReferenceOptions.defaults())
                .cluster(firstRouted)
                .build();

        RpcContext.Scope served = RpcContext.serve(Map.of(RpcContext.TAG, "canary"), PLAIN);
        try {
            invoker.invoke(Calls.of(Greeter.HELLO, "x"));
        } finally {
            served.close();
        }

        assertThat(received).containsExactly(CANARY + " canary");
    }

    @Test
    void referenceDefaultTag_routesAndTravelsWithTheCall_unlessTheCallHasItsOwn() {
        Invoker invoker = ClusterBuilder.of(
                        directory, ReferenceOptions.builder().tag("canary").build())
                .build();

        invoker.invoke(Calls.of(Greeter.HELLO, "x"));
        invoker.invoke(Calls.tagged("blue", Greeter.HELLO, "x"));

        assertThat(received).containsExactly(CANARY + " canary", PLAIN + " blue");
    }

    @Test
    void configurationChange_reroutesTheNextCall() {
        Invoker invoker =
                ClusterBuilder.of(directory, ReferenceOptions.defaults()).build();

        directory.configure(new DynamicConfig(1, Map.of(), Set.of(PLAIN), Map.of(), List.of(), Map.of()));
        invoker.invoke(Calls.of(Greeter.HELLO, "x"));
        directory.configure(
                new DynamicConfig(1, Map.of(), Set.of(), Map.of(), List.of("=> host = 10.0.0.2"), Map.of()));
        invoker.invoke(Calls.of(Greeter.HELLO, "x"));

        assertThat(received).containsExactly(CANARY + " -", CANARY + " -");
    }

    @Test
    void forcedTag_withoutSuchInstance_failsWithNoProvider() {
        Invoker invoker = ClusterBuilder.of(
                        directory, ReferenceOptions.builder().forceTag(true).build())
                .build();

        Throwable failure = Futures.failure(invoker.invoke(Calls.tagged("blue", Greeter.HELLO, "x")));

        assertThat(failure)
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_PROVIDER))
                .hasMessageContaining("with tag 'blue' (forced): 2 instances are known, none is left after routing");
    }

    private CompletableFuture<RpcResult> record(Endpoint endpoint, Invocation invocation) {
        String tag = invocation.attachment(RpcContext.TAG);
        received.add(endpoint + " " + (tag == null ? "-" : tag));
        return CompletableFuture.completedFuture(RpcResult.of(endpoint.toString()));
    }
}

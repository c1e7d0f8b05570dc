package io.courier.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.Invocation;
import io.courier.api.ReferenceOptions;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.RouteKey;
import io.courier.api.cluster.Router;
import io.courier.api.cluster.RouterContext;
import io.courier.api.time.Ticker;
import io.courier.cluster.ClusterOptions;
import io.courier.cluster.loadbalance.RandomLoadBalancer;
import io.courier.cluster.loadbalance.RoundRobinLoadBalancer;
import io.courier.cluster.router.TagRouter;
import io.courier.cluster.testing.Calls;
import io.courier.cluster.testing.Greeter;
import io.courier.cluster.testing.TestCandidate;
import io.courier.cluster.testing.TestDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RoutingSelectorTest {

    private final TestCandidate a = TestCandidate.at("a", Endpoint.of("10.0.0.1", 20880), 100, Set.of());
    private final TestCandidate b = TestCandidate.at("b", Endpoint.of("10.0.0.2", 20880), 100, Set.of());
    private final TestCandidate canary =
            TestCandidate.at("canary", Endpoint.of("10.0.0.3", 20880), 100, Set.of("canary"));
    private final TestDirectory directory = new TestDirectory(List.of(a, b, canary));
    private final CountingRouter counting = new CountingRouter();

    @Test
    void routes_areComputedOncePerRoutingKey_notPerCall() {
        RoutingSelector selector = selector(List.of(counting, new TagRouter()), ReferenceOptions.defaults());

        for (int i = 0; i < 1_000; i++) {
            selectFor(selector, Calls.of(Greeter.HELLO, "x"));
            selectFor(selector, Calls.tagged("canary", Greeter.HELLO, "x"));
            selectFor(selector, Calls.of(Greeter.READ, 1L));
        }

        assertThat(counting.routes).hasValue(3);
    }

    @Test
    void providerChange_recomputesRoutes_withoutRebindingRouters() {
        RoutingSelector selector = selector(List.of(counting), ReferenceOptions.defaults());
        selectFor(selector, Calls.of(Greeter.HELLO, "x"));

        directory.set(List.of(a));

        assertThat(selectFor(selector, Calls.of(Greeter.HELLO, "x"))).isSameAs(a);
        assertThat(counting.routes).hasValue(2);
        assertThat(counting.binds).hasValue(1);
    }

    @Test
    void configChange_rebindsRoutersAndRecomputesRoutes() {
        RoutingSelector selector = selector(ExtensionRouters.all(), ReferenceOptions.defaults());
        assertThat(selector.route(Calls.key(Greeter.HELLO))).containsExactly(a, b);

        directory.configure(
                new DynamicConfig(1, Map.of(), Set.of(b.instance().endpoint()), Map.of(), List.of(), Map.of()));

        assertThat(selector.route(Calls.key(Greeter.HELLO))).containsExactly(a);
    }

    @Test
    void select_avoidsUnavailableCandidates_whileAnAvailableOneIsLeft() {
        directory.set(List.of(a, b));
        a.available(false);
        RoutingSelector selector = selector(List.of(), ReferenceOptions.defaults());

        for (int i = 0; i < 200; i++) {
            assertThat(selectFor(selector, Calls.of(Greeter.HELLO, "x"))).isSameAs(b);
        }
    }

    @Test
    void select_whenEveryCandidateIsUnavailable_stillTriesOne() {
        directory.set(List.of(a, b));
        a.available(false);
        b.available(false);
        RoutingSelector selector = selector(List.of(), ReferenceOptions.defaults());

        assertThat(selectFor(selector, Calls.of(Greeter.HELLO, "x"))).isIn(a, b);
    }

    @Test
    void taggedCall_whoseTaggedInstancesAreUnavailable_fallsBackToUntaggedOnes() {
        canary.available(false);
        RoutingSelector selector = selector(List.of(new TagRouter()), ReferenceOptions.defaults());

        for (int i = 0; i < 100; i++) {
            assertThat(selectFor(selector, Calls.tagged("canary", Greeter.HELLO, "x")))
                    .isIn(a, b);
        }
        canary.available(true);
        assertThat(selectFor(selector, Calls.tagged("canary", Greeter.HELLO, "x")))
                .isSameAs(canary);
    }

    @Test
    void taggedCall_whoseMethodIsRefusedOnTheTaggedInstance_fallsBackForThatMethodOnly() {
        canary.refuse(Greeter.HELLO);
        RoutingSelector selector = selector(List.of(new TagRouter()), ReferenceOptions.defaults());

        assertThat(selectFor(selector, Calls.tagged("canary", Greeter.HELLO, "x")))
                .isIn(a, b);
        assertThat(selectFor(selector, Calls.tagged("canary", Greeter.READ, 1L)))
                .isSameAs(canary);
    }

    @Test
    void taggedCall_whoseTaggedInstancesWereAllTried_butAreAvailable_staysWithThem() {
        RoutingSelector selector = selector(List.of(new TagRouter()), ReferenceOptions.defaults());
        Invocation call = Calls.tagged("canary", Greeter.HELLO, "x");

        // null: the retrying invoker then starts over among the tagged instances (a timed-out canary
        // call is retried on a canary, not on a stable instance)
        assertThat(selector.select(selector.routeKey(call), call, List.of(canary)))
                .isNull();
        assertThat(selector.select(selector.routeKey(call), call, List.of())).isSameAs(canary);
    }

    @Test
    void taggedCall_whoseTaggedInstancesWereTried_andAreUnavailable_goesToAnAvailableUntaggedOne() {
        RoutingSelector selector = selector(List.of(new TagRouter()), ReferenceOptions.defaults());
        Invocation call = Calls.tagged("canary", Greeter.HELLO, "x");
        canary.available(false);

        assertThat(selector.select(selector.routeKey(call), call, List.of(canary)))
                .isIn(a, b);
        assertThat(selector.select(selector.routeKey(call), call, List.of(canary, a, b)))
                .isNull();
    }

    @Test
    void fallbackOfATaggedCall_staysWithinTheConditionRules() {
        canary.available(false);
        directory.configure(new DynamicConfig(
                2, Map.of(), Set.of(), Map.of(), List.of("tag = canary => host != 10.0.0.1"), Map.of()));
        RoutingSelector selector = selector(ExtensionRouters.all(), ReferenceOptions.defaults());

        for (int i = 0; i < 50; i++) {
            assertThat(selectFor(selector, Calls.tagged("canary", Greeter.HELLO, "x")))
                    .isSameAs(b);
        }
    }

    @Test
    void forcedTag_neverFallsBack_evenWhenTheTaggedInstanceIsUnavailable() {
        canary.available(false);
        RoutingSelector selector = selector(
                List.of(new TagRouter()),
                ReferenceOptions.builder().forceTag(true).build());
        Invocation call = Calls.tagged("canary", Greeter.HELLO, "x");

        assertThat(selectFor(selector, call)).isSameAs(canary);
        assertThat(selector.select(selector.routeKey(call), call, List.of(canary)))
                .isNull();
    }

    @Test
    void taggedCall_withNoInstanceCarryingTheTag_doesNotFallBackFurther_thanTheUntaggedOnes() {
        TestCandidate blue = TestCandidate.at("blue", Endpoint.of("10.0.0.4", 20880), 100, Set.of("blue"));
        directory.set(List.of(a, b, blue));
        a.available(false);
        b.available(false);
        RoutingSelector selector = selector(List.of(new TagRouter()), ReferenceOptions.defaults());

        for (int i = 0; i < 50; i++) {
            assertThat(selectFor(selector, Calls.tagged("green", Greeter.HELLO, "x")))
                    .isIn(a, b);
        }
    }

    @Test
    void select_returnsNullWhenTheRouteIsEmptyOrFullyExcluded() {
        ReferenceOptions forced = ReferenceOptions.builder().forceTag(true).build();
        RoutingSelector selector = selector(List.of(new TagRouter()), forced);
        Invocation green = Calls.tagged("green", Greeter.HELLO, "x");

        assertThat(selector.select(selector.routeKey(green), green, List.of())).isNull();
        Invocation plain = Calls.of(Greeter.HELLO, "x");
        assertThat(selector.select(selector.routeKey(plain), plain, List.of(a, b)))
                .isNull();
    }

    @Test
    void routeKey_takesTheCallsTag_elseTheReferenceDefault() {
        RoutingSelector selector =
                selector(List.of(), ReferenceOptions.builder().tag("blue").build());

        assertThat(selector.routeKey(Calls.of(Greeter.HELLO, "x"))).isEqualTo(Calls.key(Greeter.HELLO, "blue"));
        assertThat(selector.routeKey(Calls.tagged("canary", Greeter.HELLO, "x")))
                .isEqualTo(Calls.key(Greeter.HELLO, "canary"));
    }

    @Test
    void moreTagsThanTheCacheHolds_areStillRoutedCorrectly() {
        List<Candidate> many = new ArrayList<>(List.of(a));
        for (int i = 0; i < 100; i++) {
            many.add(TestCandidate.at("t" + i, Endpoint.of("10.1.0." + (i + 1), 20880), 100, Set.of("tag" + i)));
        }
        directory.set(many);
        RoutingSelector selector = selector(List.of(new TagRouter()), ReferenceOptions.defaults());

        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 100; i++) {
                Candidate chosen = selectFor(selector, Calls.tagged("tag" + i, Greeter.HELLO, "x"));
                assertThat(chosen.instance().tags()).containsExactly("tag" + i);
            }
        }
    }

    @Test
    void brokenRouter_isSkipped() {
        Router broken = new Router() {
            @Override
            public <C extends Candidate> List<C> route(List<C> candidates, RouteKey key) {
                throw new IllegalStateException("broken");
            }
        };
        RoutingSelector selector = selector(List.of(broken, new TagRouter()), ReferenceOptions.defaults());

        assertThat(selector.route(Calls.key(Greeter.HELLO))).containsExactly(a, b);
    }

    @Test
    void routeCache_keepsRoundRobinStatePerKey() {
        directory.set(List.of(a, b));
        RoutingSelector selector = RoutingSelector.create(
                directory, List.of(), new RoundRobinLoadBalancer(), ReferenceOptions.defaults(), "", "");

        List<Candidate> picks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            picks.add(selectFor(selector, Calls.of(Greeter.HELLO, "x")));
            picks.add(selectFor(selector, Calls.of(Greeter.READ, 1L)));
        }

        assertThat(picks).containsExactly(a, a, b, b, a, a, b, b);
    }

    @Test
    void close_stopsListeningToTheDirectory() {
        RoutingSelector selector = selector(List.of(), ReferenceOptions.defaults());
        assertThat(directory.listenerCount()).isEqualTo(1);

        selector.close();

        assertThat(directory.listenerCount()).isZero();
    }

    /**
     * A selector whose ready sets are rebuilt on every call (its clock moves a second per reading),
     * so that these tests see a change of availability at once; {@link ReadySetTest} covers the
     * rebuild interval.
     */
    private RoutingSelector selector(List<Router> routers, ReferenceOptions options) {
        return RoutingSelector.create(
                directory,
                routers,
                new RandomLoadBalancer(),
                options,
                "web",
                "10.9.9.9",
                ClusterOptions.defaults(),
                new RushingTicker());
    }

    private static final class RushingTicker implements Ticker {
        private final AtomicLong nanos = new AtomicLong();

        @Override
        public long nanoTime() {
            return nanos.addAndGet(1_000_000_000L);
        }

        @Override
        public long currentTimeMillis() {
            return nanos.get() / 1_000_000;
        }
    }

    private static Candidate selectFor(RoutingSelector selector, Invocation invocation) {
        return selector.select(selector.routeKey(invocation), invocation, List.of());
    }

    /** The activated routers, as the bootstrap gets them. */
    private static final class ExtensionRouters {
        static List<Router> all() {
            return io.courier.spi.ExtensionLoader.of(Router.class).activated(io.courier.spi.Side.CONSUMER);
        }
    }

    private static final class CountingRouter implements Router {
        final AtomicInteger routes = new AtomicInteger();
        final AtomicInteger binds = new AtomicInteger();

        @Override
        public Router bind(RouterContext context) {
            binds.incrementAndGet();
            return this;
        }

        @Override
        public <C extends Candidate> List<C> route(List<C> candidates, RouteKey key) {
            routes.incrementAndGet();
            return candidates;
        }
    }
}

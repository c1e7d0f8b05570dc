package io.courier.cluster.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.api.cluster.Router;
import io.courier.api.cluster.RouterContext;
import io.courier.cluster.testing.Calls;
import io.courier.cluster.testing.Greeter;
import io.courier.cluster.testing.TestCandidate;
import io.courier.spi.ExtensionLoader;
import io.courier.spi.Side;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DisabledRouterTest {

    private final TestCandidate a = TestCandidate.at("a", Endpoint.of("10.0.0.1", 20880), 100, Set.of());
    private final TestCandidate b = TestCandidate.at("b", Endpoint.of("10.0.0.2", 20880), 100, Set.of());

    @Test
    void disabledAddresses_areRemoved() {
        Router router = bind(Set.of(b.instance().endpoint()));

        assertThat(router.route(List.of(a, b), Calls.key(Greeter.HELLO))).containsExactly(a);
    }

    @Test
    void disablingEveryInstance_leavesNone() {
        Router router = bind(Set.of(a.instance().endpoint(), b.instance().endpoint()));

        assertThat(router.route(List.of(a, b), Calls.key(Greeter.HELLO))).isEmpty();
    }

    @Test
    void weightZero_drainsTheAddress_otherWeightsDoNot() {
        DynamicConfig config = new DynamicConfig(
                1,
                Map.of(a.instance().endpoint(), 0, b.instance().endpoint(), 1),
                Set.of(),
                Map.of(),
                List.of(),
                Map.of());
        Router router = new DisabledRouter()
                .bind(new RouterContext(Greeter.KEY, ReferenceOptions.defaults(), "web", "10.9.9.9", config));

        assertThat(router.route(List.of(a, b), Calls.key(Greeter.HELLO))).containsExactly(b);
    }

    @Test
    void nothingDisabled_keepsTheRouterOutOfTheChain() {
        assertThat(bind(Set.of())).isNull();
    }

    @Test
    void builtInChain_runsDisabledThenConditionThenTag() {
        List<Router> chain = ExtensionLoader.of(Router.class).activated(Side.CONSUMER);

        assertThat(chain)
                .extracting(router -> router.getClass().getSimpleName())
                .containsExactly("DisabledRouter", "ConditionRouter", "TagRouter");
    }

    private static Router bind(Set<Endpoint> disabled) {
        DynamicConfig config = new DynamicConfig(1, Map.of(), disabled, Map.of(), List.of(), Map.of());
        return new DisabledRouter()
                .bind(new RouterContext(Greeter.KEY, ReferenceOptions.defaults(), "web", "10.9.9.9", config));
    }
}

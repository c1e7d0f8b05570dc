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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TagRouterTest {

    private final TestCandidate plain1 = at(1, Set.of());
    private final TestCandidate plain2 = at(2, Set.of());
    private final TestCandidate canary = at(3, Set.of("canary"));
    private final TestCandidate blue = at(4, Set.of("blue", "eu"));
    private final List<TestCandidate> all = List.of(plain1, plain2, canary, blue);

    @Test
    void taggedCall_goesOnlyToInstancesWithThatTag() {
        assertThat(bound(false, DynamicConfig.EMPTY).route(all, Calls.key(Greeter.HELLO, "canary")))
                .containsExactly(canary);
        assertThat(bound(false, DynamicConfig.EMPTY).route(all, Calls.key(Greeter.HELLO, "eu")))
                .containsExactly(blue);
    }

    @Test
    void untaggedCall_avoidsTaggedInstances() {
        assertThat(bound(false, DynamicConfig.EMPTY).route(all, Calls.key(Greeter.HELLO)))
                .containsExactly(plain1, plain2);
    }

    @Test
    void taggedCall_withoutSuchInstances_fallsBackToUntagged() {
        assertThat(bound(false, DynamicConfig.EMPTY).route(all, Calls.key(Greeter.HELLO, "green")))
                .containsExactly(plain1, plain2);
    }

    @Test
    void forcedTag_withoutSuchInstances_routesNowhere() {
        Router router = bound(true, DynamicConfig.EMPTY);

        assertThat(router.route(all, Calls.key(Greeter.HELLO, "green"))).isEmpty();
        assertThat(router.route(all, Calls.key(Greeter.HELLO, "canary"))).containsExactly(canary);
    }

    @Test
    void whenEveryInstanceIsTagged_unmatchedCallsGoToAll() {
        List<TestCandidate> tagged = List.of(canary, blue);

        assertThat(bound(false, DynamicConfig.EMPTY).route(tagged, Calls.key(Greeter.HELLO)))
                .containsExactly(canary, blue);
        assertThat(bound(false, DynamicConfig.EMPTY).route(tagged, Calls.key(Greeter.HELLO, "green")))
                .containsExactly(canary, blue);
    }

    @Test
    void dynamicConfiguration_addsTagsToAnAddress() {
        DynamicConfig config = new DynamicConfig(
                1, Map.of(), Set.of(), Map.of(plain2.instance().endpoint(), Set.of("canary")), List.of(), Map.of());
        Router router = bound(false, config);

        assertThat(router.route(all, Calls.key(Greeter.HELLO, "canary"))).containsExactly(plain2, canary);
        assertThat(router.route(all, Calls.key(Greeter.HELLO))).containsExactly(plain1);
    }

    @Test
    void unboundExtension_routesAsNotForced() {
        assertThat(new TagRouter().route(all, Calls.key(Greeter.HELLO, "green")))
                .containsExactly(plain1, plain2);
    }

    private static Router bound(boolean forced, DynamicConfig config) {
        ReferenceOptions options = ReferenceOptions.builder().forceTag(forced).build();
        return new TagRouter().bind(new RouterContext(Greeter.KEY, options, "web", "10.1.1.1", config));
    }

    private static TestCandidate at(int n, Set<String> tags) {
        return TestCandidate.at("p" + n, Endpoint.of("10.0.0." + n, 20880), 100, tags);
    }
}

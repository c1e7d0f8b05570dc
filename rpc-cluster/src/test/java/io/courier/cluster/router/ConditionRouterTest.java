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

class ConditionRouterTest {

    private final TestCandidate blue = TestCandidate.at("blue", Endpoint.of("10.0.0.1", 20880), 100, Set.of("blue"));
    private final TestCandidate green = TestCandidate.at("green", Endpoint.of("10.0.0.5", 20881), 100, Set.of("green"));
    private final TestCandidate plain = TestCandidate.at("plain", Endpoint.of("10.0.0.6", 20880), 100, Set.of());
    private final List<TestCandidate> all = List.of(blue, green, plain);

    @Test
    void methodRule_routesThatMethodOnly() {
        Router router = bind("web", "method = hello => tags = blue");

        assertThat(router.route(all, Calls.key(Greeter.HELLO))).containsExactly(blue);
        assertThat(router.route(all, Calls.key(Greeter.READ))).containsExactly(blue, green, plain);
    }

    @Test
    void consumerRule_appliesToThatConsumerOnly() {
        String rule = "consumer.app = web => host != 10.0.0.5";

        assertThat(bind("web", rule).route(all, Calls.key(Greeter.HELLO))).containsExactly(blue, plain);
        assertThat(bind("batch", rule))
                .as("no rule applies to batch: out of the chain")
                .isNull();
    }

    @Test
    void ruleLeavingNoProvider_isIgnoredUnlessForced() {
        assertThat(bind("web", "method = hello => tags = purple").route(all, Calls.key(Greeter.HELLO)))
                .containsExactly(blue, green, plain);
        assertThat(bind("web", "force method = hello => tags = purple").route(all, Calls.key(Greeter.HELLO)))
                .isEmpty();
    }

    @Test
    void denyRule_removesEveryProvider() {
        Router router = bind("web", "consumer.host = 10.9.9.9 =>");

        assertThat(router.route(all, Calls.key(Greeter.HELLO))).isEmpty();
    }

    @Test
    void rules_applyInOrder_eachToThePreviousResult() {
        Router router = bind("web", "=> tags != green", "method = read => metadata.zone = eu-*");
        TestCandidate zoned = withMetadata(plain, Map.of("zone", "eu-west"));
        List<TestCandidate> candidates = List.of(blue, green, zoned);

        assertThat(router.route(candidates, Calls.key(Greeter.HELLO))).containsExactly(blue, zoned);
        assertThat(router.route(candidates, Calls.key(Greeter.READ))).containsExactly(zoned);
    }

    @Test
    void badRule_isSkipped_andTheOthersStillApply() {
        Router router = bind("web", "method = hello => hots = x", "=> host != 10.0.0.1");

        assertThat(router.route(all, Calls.key(Greeter.HELLO))).containsExactly(green, plain);
    }

    @Test
    void tagCondition_matchesTheCallsTag() {
        Router router = bind("web", "tag = canary => address = 10.0.0.6:20880");

        assertThat(router.route(all, Calls.key(Greeter.HELLO, "canary"))).containsExactly(plain);
        assertThat(router.route(all, Calls.key(Greeter.HELLO))).containsExactly(blue, green, plain);
    }

    @Test
    void wildcardsAndLists_matchAlternatives() {
        Router router = bind("web", "method = hel*,read => port = 20881 & host = 10.0.*");

        assertThat(router.route(all, Calls.key(Greeter.HELLO))).containsExactly(green);
        assertThat(router.route(all, Calls.key(Greeter.READ))).containsExactly(green);
        assertThat(router.route(all, Calls.key(Greeter.WRITE))).containsExactly(blue, green, plain);
    }

    @Test
    void tagsAddedByConfiguration_countForTheTagsKey() {
        DynamicConfig config = new DynamicConfig(
                1,
                Map.of(),
                Set.of(),
                Map.of(plain.instance().endpoint(), Set.of("blue")),
                List.of("=> tags = blue"),
                Map.of());
        Router router = new ConditionRouter().bind(context("web", config));

        assertThat(router.route(all, Calls.key(Greeter.HELLO))).containsExactly(blue, plain);
    }

    @Test
    void noRules_keepsTheRouterOutOfTheChain() {
        assertThat(new ConditionRouter().bind(context("web", DynamicConfig.EMPTY)))
                .isNull();
    }

    private static Router bind(String application, String... rules) {
        DynamicConfig config = new DynamicConfig(1, Map.of(), Set.of(), Map.of(), List.of(rules), Map.of());
        return new ConditionRouter().bind(context(application, config));
    }

    private static RouterContext context(String application, DynamicConfig config) {
        return new RouterContext(Greeter.KEY, ReferenceOptions.defaults(), application, "10.9.9.9", config);
    }

    private static TestCandidate withMetadata(TestCandidate candidate, Map<String, String> metadata) {
        return TestCandidate.at(
                        candidate.name(),
                        candidate.instance().endpoint(),
                        100,
                        candidate.instance().tags())
                .metadata(metadata);
    }
}

package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ReferenceOptions;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.config.ConfigKeyRegistry;
import io.courier.bootstrap.fixtures.greeting.FriendlyGreeter;
import io.courier.bootstrap.fixtures.greeting.Greeter;
import io.courier.bootstrap.internal.config.ConfigKeys;
import io.courier.bootstrap.internal.config.ConfigLoader;
import io.courier.bootstrap.internal.settings.BreakerSettings;
import io.courier.filter.ServiceFilterContext;
import io.courier.filter.SharedObjects;
import io.courier.spi.Side;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Bootstrap's keys and the filters' options are one model: one registry, one "did you mean", one
 * error format (issue 38).
 */
class OneConfigurationModelTest {

    private static final Set<String> FILTERS = Set.of("rate-limit", "auth", "tracing", "circuit-breaker");

    @Test
    void theRegistry_holdsBootstrapsKeys_andEveryFiltersOptions() {
        ConfigKeyRegistry registry = ConfigKeys.registry();
        assertThat(registry.find("courier.server.port")).isPresent();
        assertThat(registry.find("courier.filter.rate-limit.qps")).isPresent();
        assertThat(registry.find("courier.filter.circuit-breaker.open-millis"))
                .hasValueSatisfying(key -> assertThat(key.live()).isTrue());
        assertThat(registry.find("courier.consumer.timeout-millis"))
                .hasValueSatisfying(key -> assertThat(key.live()).isTrue());
        assertThat(registry.find("courier.server.port"))
                .hasValueSatisfying(key -> assertThat(key.live()).isFalse());
    }

    @Test
    void aMisspeltFilterOption_andAMisspeltBootstrapKey_getTheSameMessage() {
        String bootstrap = problem("courier.server.prot", "1");
        String filter = problem("courier.filter.rate-limit.qsp", "1");
        String perMethod = problem("courier.filter.getUser.rate-limit.qsp", "1");
        String perService = problem("courier.service.com.acme.Users.filter.rate-limit.qsp", "1");

        assertThat(bootstrap)
                .isEqualTo("courier.server.prot: unknown key (value '1'; expected: a key listed in"
                        + " docs/configuration.md; did you mean courier.server.port?) [builder]");
        assertThat(filter)
                .isEqualTo("courier.filter.rate-limit.qsp: unknown key (value '1'; expected: a key listed in"
                        + " docs/configuration.md; did you mean courier.filter.rate-limit.qps?) [builder]");
        assertThat(perMethod).endsWith("; did you mean courier.filter.getUser.rate-limit.qps?) [builder]");
        assertThat(perService)
                .endsWith("; did you mean courier.service.com.acme.Users.filter.rate-limit.qps?) [builder]");
    }

    @Test
    void aMisspeltFilterName_getsTheSameDidYouMean() {
        assertThat(problem("courier.filter.rate-limt.qps", "1"))
                .contains("courier.filter.rate-limt.qps: unknown filter in the key")
                .endsWith("; did you mean courier.filter.rate-limit.qps?) [builder]");
    }

    @Test
    void aMisspeltSecretOption_hidesItsValue() {
        assertThat(problem("courier.filter.auth.tokns", "a-long-enough-secret-token"))
                .contains("(value '<hidden>'")
                .contains("did you mean courier.filter.auth.tokens?")
                .doesNotContain("a-long-enough-secret-token");
    }

    @Test
    void aBadTypedFilterValue_namesKeyValueExpectationAndOrigin() {
        assertThatThrownBy(() -> Environments.builder()
                        .property("courier.filter.greet.rate-limit.qps", "fast")
                        .export(new FriendlyGreeter())
                        .start())
                .hasMessageContaining("courier.filter.greet.rate-limit.qps: fast (expected: 0, or 0.001 to 1.0E9, or"
                        + " off) [builder]");
    }

    @Test
    void aBadBreakerValue_namesItsOrigin_too() {
        Map<String, String> properties = Map.of(
                "courier.filter.circuit-breaker.enabled", "true",
                "courier.filter.circuit-breaker.window-type", "sliding");
        try (SharedObjects shared = new SharedObjects()) {
            ServiceFilterContext context = ServiceFilterContext.builder(
                            Side.CONSUMER, ServiceKey.of(Greeter.class), ServiceDescriptor.of(Greeter.class))
                    .properties(properties)
                    .origins(key -> "system property")
                    .referenceOptions(ReferenceOptions.defaults())
                    .shared(shared)
                    .build();
            assertThatThrownBy(() -> BreakerSettings.bind(context))
                    .hasMessage("courier.filter.circuit-breaker.window-type: sliding (expected: one of count, time)"
                            + " [system property]");
        }
    }

    private static String problem(String key, String value) {
        ConfigLoader loader =
                new ConfigLoader(Map.of(key, value), Map.of(), Map.of(), new URLClassLoader(new URL[0], null), FILTERS);
        List<String> problems = org.assertj.core.api.Assertions.catchThrowableOfType(
                        loader::load, ConfigurationException.class)
                .problems();
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }
}

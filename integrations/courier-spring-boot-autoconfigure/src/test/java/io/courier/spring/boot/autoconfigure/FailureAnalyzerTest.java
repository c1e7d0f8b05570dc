package io.courier.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.courier.api.LiveKeys;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.Courier;
import io.courier.spring.boot.autoconfigure.greeting.ClassProxies;
import io.courier.spring.boot.autoconfigure.greeting.GreetingProvider;
import io.courier.spring.boot.autoconfigure.greeting.ProviderApplication;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A wrong {@code courier.*} value stops the start-up with Spring Boot's report naming key, value and expectation. */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FailureAnalyzerTest {

    @Test
    void badValue_isReportedInSpringBootsStartupReport_withKeyValueExpectationAndOrigin(CapturedOutput output) {
        Throwable failure = start("courier.server.port=abc");

        FailureAnalysis analysis = new CourierFailureAnalyzer().analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .contains("courier.server.port: 'abc' (expected: an integer 0 to 65535) [")
                .contains("courier.server.port");
        assertThat(analysis.getAction()).contains("docs/configuration.md");
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("courier.server.port: 'abc' (expected: an integer 0 to 65535)");
    }

    /** One language: Spring's binding refuses a live key's value out of range with the builder's message. */
    @Test
    void aLiveKeyOutsideItsRange_isRefusedWithTheMessageTheBuilderGivesForThatKey() {
        Throwable fromBuilder = catchThrowable(() -> Courier.builder()
                .application("probe")
                .port(0)
                .shutdownHook(false)
                .property(LiveKeys.TIMEOUT_MILLIS.name(), "-5")
                .start()
                .close());
        assertThat(fromBuilder).isInstanceOf(ConfigurationException.class);
        String builderSays = ((ConfigurationException) fromBuilder).problems().get(0);
        assertThat(builderSays).endsWith(" [builder]");

        Throwable failure = start(LiveKeys.TIMEOUT_MILLIS.name() + "=-5");

        assertThat(new CourierFailureAnalyzer().analyze(failure).getDescription())
                .contains(builderSays.substring(0, builderSays.length() - "[builder]".length()) + "[");
    }

    @Test
    void misspeltKeyInAProfileFile_isReportedWithASuggestionAndTheFile() {
        Throwable failure = start("spring.profiles.active=typo");

        FailureAnalysis analysis = new CourierFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription())
                .contains("courier.server.prot: unknown key (value '20880'; expected: a key listed in"
                        + " docs/configuration.md; did you mean courier.server.port?)")
                .contains("application-typo.yml");
    }

    @Test
    void scanPackages_isRefusedUnderSpringBoot_becauseSpringCreatesTheExportBeans() {
        Throwable failure = start("courier.scan.packages=com.example");

        assertThat(new CourierFailureAnalyzer().analyze(failure).getDescription())
                .contains("courier.scan.packages: 'com.example' (expected: unset under Spring Boot");
    }

    @Test
    void exportBehindAnAopProxy_isRefusedAtStart_namingTheProxyClass() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(
                        ProviderApplication.class, ClassProxies.class)
                .properties(
                        "courier.application.name=proxied", "courier.server.host=127.0.0.1", "courier.server.port=0")
                .run()
                .close());

        assertThat(failure).hasRootCauseInstanceOf(ConfigurationException.class);
        assertThat(new CourierFailureAnalyzer().analyze(failure).getDescription())
                .contains(GreetingProvider.class.getName() + "$$SpringCGLIB")
                .contains("expected: exactly one, or @Export(SomeService.class) naming the service interface");
    }

    @Test
    void otherFailures_areLeftToOtherAnalyzers() {
        assertThat(new CourierFailureAnalyzer().analyze(new IllegalStateException("not ours")))
                .isNull();
    }

    private static Throwable start(String property) {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(ProviderApplication.class)
                .properties(
                        "courier.application.name=broken",
                        "courier.server.host=127.0.0.1",
                        "courier.server.port=0",
                        property)
                .run()
                .close());
        assertThat(failure).hasRootCauseInstanceOf(ConfigurationException.class);
        return failure;
    }
}

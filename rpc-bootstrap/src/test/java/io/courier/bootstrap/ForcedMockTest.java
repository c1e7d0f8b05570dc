package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.bootstrap.fixtures.greeting.CountingGreeter;
import io.courier.bootstrap.fixtures.greeting.Greeter;
import io.courier.bootstrap.fixtures.mock.CannedGreeter;
import io.courier.bootstrap.fixtures.mock.Consumer;
import io.courier.bootstrap.internal.consumer.ForcedMocks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** A forced mock answers without calling providers, and says so in the log and in a metric. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ForcedMockTest {

    private static final String GREETER = Greeter.class.getName();

    @Test
    void forcedMock_answersEveryCall_withoutCallingTheProvider_andWarnsAndShowsAGaugeWhileActive() {
        Logger logger = (Logger) LoggerFactory.getLogger(ForcedMocks.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CountingGreeter real = new CountingGreeter();
        try (Courier provider = Environments.builder().export(real).start()) {
            Courier consumer = Environments.builder()
                    .meterRegistry(meters)
                    .property("courier.service." + GREETER + ".url", "courier://127.0.0.1:" + provider.port())
                    .property("courier.service." + GREETER + ".mock", "force:" + CannedGreeter.class.getName())
                    .start();
            try (consumer) {
                assertThat(consumer.reference(Greeter.class).greet("ada")).isEqualTo("canned ada");
                assertThat(real.executions()).isZero();
                assertThat(forcedGauge(meters).value()).isEqualTo(1.0);
            }
            assertThat(meters.find(ForcedMocks.GAUGE).gauges()).isEmpty();
        } finally {
            logger.detachAppender(lines);
        }
        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel().toString()).isEqualTo("WARN");
            assertThat(line.getFormattedMessage())
                    .contains("FORCED MOCK ACTIVE", GREETER, CannedGreeter.class.getName());
        });
    }

    @Test
    void twoReferencesForcedOntoOneMock_registerTheGaugeOnce_andWarnEach() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        root.addAppender(lines);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Courier consumer = Environments.builder().meterRegistry(meters).start()) {
            Consumer injected = consumer.inject(new Consumer());
            Greeter other = consumer.reference(
                    Greeter.class,
                    ReferenceOptions.builder()
                            .directEndpoints(List.of(Endpoint.of("127.0.0.1", 1)))
                            .timeoutMillis(1_234)
                            .forceMock(CannedGreeter.class)
                            .build());

            assertThat(injected.greeter.greet("ada")).isEqualTo("canned ada");
            assertThat(other.greet("bob")).isEqualTo("canned bob");
            assertThat(meters.find(ForcedMocks.GAUGE).gauges()).singleElement();
            assertThat(forcedGauge(meters).value()).isEqualTo(1.0);
        } finally {
            root.detachAppender(lines);
        }
        assertThat(meters.find(ForcedMocks.GAUGE).gauges()).isEmpty();
        assertThat(lines.list)
                .filteredOn(line -> line.getFormattedMessage().contains("FORCED MOCK ACTIVE"))
                .hasSize(2);
        assertThat(lines.list).noneMatch(line -> line.getFormattedMessage().contains("already registered"));
    }

    @Test
    void forcedMockAttribute_needsNoProvider() {
        try (Courier consumer = Environments.builder().start()) {
            Consumer injected = consumer.inject(new Consumer());
            assertThat(injected.greeter.greet("bob")).isEqualTo("canned bob");
        }
    }

    @Test
    void failMock_answersOnlyWhenTheCallFails() {
        CountingGreeter real = new CountingGreeter();
        try (Courier provider = Environments.builder().export(real).start();
                Courier consumer = Environments.builder()
                        .property("courier.service." + GREETER + ".mock", "fail:" + CannedGreeter.class.getName())
                        .property("courier.service." + GREETER + ".url", "courier://127.0.0.1:" + provider.port())
                        .start()) {
            Greeter greeter = consumer.reference(Greeter.class);
            assertThat(greeter.greet("ada")).isEqualTo("Hello, ada");
            provider.close();
            assertThat(greeter.greet("ada")).isEqualTo("canned ada");
        }
    }

    @Test
    void forcedMockOfTheWrongType_isRefusedAtStart() {
        try (Courier consumer = Environments.builder().start()) {
            ReferenceOptions options = ReferenceOptions.builder()
                    .directEndpoints(List.of(Endpoint.of("127.0.0.1", 1)))
                    .forceMock(String.class)
                    .build();
            assertThatThrownBy(() -> consumer.reference(Greeter.class, options))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("forceMock = java.lang.String (expected: a class implementing " + GREETER);
        }
    }

    @Test
    void mockKeyNamingAMissingClass_orNoMode_isRefusedWithTheKey() {
        try (Courier consumer = Environments.builder()
                .property("courier.service." + GREETER + ".mock", "force:com.example.Missing")
                .start()) {
            assertThatThrownBy(() -> consumer.reference(Greeter.class))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("courier.service." + GREETER + ".mock: 'force:com.example.Missing'");
        }
        assertThatThrownBy(() -> Environments.builder()
                        .property("courier.consumer.mock", "return null")
                        .start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("courier.consumer.mock: 'return null' (expected: force:<class name>");
    }

    private static Gauge forcedGauge(SimpleMeterRegistry meters) {
        return meters.get(ForcedMocks.GAUGE)
                .tag("service", GREETER)
                .tag("mock", CannedGreeter.class.getName())
                .gauge();
    }
}

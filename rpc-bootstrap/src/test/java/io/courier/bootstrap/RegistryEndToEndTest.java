package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.bootstrap.fixtures.calls.CallService;
import io.courier.bootstrap.fixtures.calls.RecordingCallService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** Providers and consumers that find each other through the embedded ZooKeeper. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RegistryEndToEndTest {

    @Test
    void reference_waitsForTheFirstProviderList_soTheFirstCallSucceeds() {
        try (Courier provider = Environments.embedded("provider")
                        .export(new RecordingCallService())
                        .start();
                Courier witness = Environments.embedded("witness").start()) {
            CallService seen = witness.reference(CallService.class);
            // the provider is registered once a consumer has reached it through the registry
            await().atMost(Duration.ofSeconds(15))
                    .ignoreException(RpcException.class)
                    .until(() -> "registered".equals(seen.echo("registered")));

            try (Courier consumer = Environments.embedded("consumer").start()) {
                assertThat(consumer.reference(CallService.class).echo("first")).isEqualTo("first");
            }
            assertThat(provider.port()).isPositive();
        }
    }

    @Test
    void firstCall_ofAReferenceMadeBeforeItsProviderWasExported_waitsForTheProviderAndSucceeds() {
        // what a Spring application does: the reference is injected while beans are created, the
        // provider (a bean of the same application) is exported afterwards, then a runner calls
        try (Courier application = Environments.embedded("self")
                .property("courier.registry.first-list-wait-millis", "30000")
                .start()) {
            long before = System.nanoTime();
            CallService calls = application.reference(CallService.class);
            long referenceMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
            // making the reference does not wait for a provider (the wait is its first call's)
            assertThat(referenceMillis).as("ms reference() took").isLessThan(15_000);

            application.export(new RecordingCallService());
            assertThat(calls.echo("first")).isEqualTo("first");
        }
    }

    @Test
    void firstCall_withNoProviderAnywhere_waitsTheFirstListWaitOnce_andLaterCallsFailAtOnce() {
        try (Courier consumer = Environments.embedded("alone")
                .property("courier.registry.first-list-wait-millis", "2000")
                .start()) {
            CallService calls = consumer.reference(CallService.class);

            long first = millisOfFailedCall(calls, ErrorCode.NO_PROVIDER);
            long second = millisOfFailedCall(calls, ErrorCode.NO_PROVIDER);

            assertThat(first).as("ms the first call took").isGreaterThanOrEqualTo(2_000);
            assertThat(second).as("ms the second call took").isLessThan(2_000);
        }
    }

    @Test
    void close_ofAnApplicationCallingItsOwnService_warnsOfNothing() {
        // its own withdrawal must not look like providers vanishing from a reachable host
        Logger courier = (Logger) LoggerFactory.getLogger("io.courier");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        courier.addAppender(logs);
        try {
            Courier application = Environments.embedded("self")
                    .property("courier.registry.root", "/own-service")
                    .export(new RecordingCallService())
                    .start();
            CallService calls = application.reference(CallService.class);
            assertThat(calls.echo("own")).isEqualTo("own");

            application.close();

            assertThat(logs.list)
                    .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .isEmpty();
        } finally {
            courier.detachAppender(logs);
        }
    }

    private static long millisOfFailedCall(CallService calls, ErrorCode expected) {
        long start = System.nanoTime();
        try {
            calls.echo("anyone?");
            throw new AssertionError("a call without any provider answered");
        } catch (RpcException e) {
            assertThat(e.code()).isEqualTo(expected);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void consumerFindsProviderThroughTheRegistry_andSeesItLeave_andNothingIsLeftBehind() {
        Leftovers leftovers = Leftovers.snapshot();
        Courier provider = Environments.embedded("provider")
                .export(new RecordingCallService())
                .start();
        Courier consumer = Environments.embedded("consumer").start();
        CallService calls = consumer.reference(CallService.class);

        await().atMost(Duration.ofSeconds(15))
                .ignoreException(RpcException.class)
                .until(() -> "found".equals(calls.echo("found")));

        provider.close();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            try {
                calls.echo("gone?");
                throw new AssertionError("a closed provider answered");
            } catch (RpcException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.NO_PROVIDER);
            }
        });

        consumer.close();
        // Curator 5.9 leaves one idle daemon thread per closed client ("Curator-SafeNotifyService"):
        // reported to the registry module; every thread Courier itself starts must be gone.
        leftovers.assertNoNewThreadsExcept(List.of("Curator-SafeNotifyService"));
    }
}

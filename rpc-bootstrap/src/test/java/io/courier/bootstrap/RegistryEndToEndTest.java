package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.bootstrap.fixtures.calls.CallService;
import io.courier.bootstrap.fixtures.calls.RecordingCallService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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

package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.api.ServiceOptions;
import io.courier.bootstrap.fixtures.calls.CallService;
import io.courier.bootstrap.fixtures.calls.RecordingCallService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A canary whose circuit breaker is open, as the consumer's breaker (a decorator of the canary's
 * invoker) and the tag router (in the cluster) meet over real sockets and the embedded registry:
 * a canary-tagged call falls back to the untagged instance instead of failing with
 * {@code CIRCUIT_OPEN}, unless the reference forces its tag.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TagFallbackEndToEndTest {

    private final List<Courier> apps = new ArrayList<>();

    @AfterEach
    void close() {
        for (int i = apps.size() - 1; i >= 0; i--) {
            apps.get(i).close();
        }
    }

    @Test
    void taggedCall_whoseCanaryCircuitIsOpen_fallsBackToTheUntaggedInstance_unlessTheTagIsForced() {
        start(Environments.embedded("stable").export(new RecordingCallService()));
        start(Environments.embedded("canary")
                .export(
                        new RecordingCallService(),
                        ServiceOptions.builder().tags(Set.of("canary")).build()));
        Courier consumer = start(Environments.embedded("consumer")
                .property("courier.filter.circuit-breaker.enabled", "true")
                .property("courier.filter.circuit-breaker.business-exceptions-fail", "true")
                .property("courier.filter.circuit-breaker.window-size", "4")
                .property("courier.filter.circuit-breaker.minimum-calls", "4")
                .property("courier.filter.circuit-breaker.open-millis", "600000"));
        CallService canary = consumer.reference(
                CallService.class, ReferenceOptions.builder().tag("canary").build());
        // No retry: the open circuit must be seen before the call is sent, not after it was refused.
        CallService failfast = consumer.reference(
                CallService.class,
                ReferenceOptions.builder().tag("canary").cluster("failfast").build());
        CallService forced = consumer.reference(
                CallService.class,
                ReferenceOptions.builder().tag("canary").forceTag(true).build());
        await().atMost(Duration.ofSeconds(15))
                .ignoreException(RpcException.class)
                .until(() -> "up".equals(canary.echo("up"))
                        && "up".equals(failfast.echo("up"))
                        && "up".equals(forced.echo("up")));

        // Each reference has its own breakers: open the canary's crash() breaker of each.
        for (int i = 0; i < 4; i++) {
            assertThat(catchThrowable(() -> canary.crash("boom"))).isNotInstanceOf(RpcException.class);
            assertThat(catchThrowable(() -> failfast.crash("boom"))).isNotInstanceOf(RpcException.class);
            assertThat(catchThrowable(() -> forced.crash("boom"))).isNotInstanceOf(RpcException.class);
        }

        Throwable fellBack = catchThrowable(() -> canary.crash("again"));
        Throwable fellBackAtOnce = catchThrowable(() -> failfast.crash("again"));
        Throwable refused = catchThrowable(() -> forced.crash("again"));

        assertThat(fellBack)
                .as("answered by the untagged instance: its exception, not CIRCUIT_OPEN")
                .isNotInstanceOf(RpcException.class)
                .hasMessageContaining("again");
        assertThat(fellBackAtOnce)
                .as("failfast: routed to the untagged instance on the first attempt")
                .isNotInstanceOf(RpcException.class)
                .hasMessageContaining("again");
        assertThat(refused).isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code())
                .isEqualTo(io.courier.api.ErrorCode.CIRCUIT_OPEN));
        assertThat(canary.echo("other methods keep their breaker")).isEqualTo("other methods keep their breaker");
    }

    private Courier start(CourierBuilder builder) {
        Courier app = builder.start();
        apps.add(app);
        return app;
    }
}

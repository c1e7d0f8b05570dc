package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.bootstrap.fixtures.filters.Flaky;
import io.courier.bootstrap.fixtures.filters.Gate;
import io.courier.bootstrap.fixtures.filters.GateService;
import io.courier.bootstrap.fixtures.filters.ProbeFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The provider-side filters of issue 8 between two applications in this JVM, over real sockets on
 * 127.0.0.1 with the real codec and serializer: what a refusal says on the consumer, and proof on
 * the provider that a refused call never ran. The 10-second rate-limit run is {@code RateLimitIT}
 * in {@code rpc-it}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FiltersOverSocketsTest {

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(FiltersOverSocketsTest.class);
    private static final String TOKEN = "token-of-the-shop-0123456789";
    private static final String SECRET = "a-signing-secret-of-at-least-32-bytes!";

    @Test
    void concurrencyLimit_holdsExactlyUnder32Threads_andRefusalsNeverRun() throws Exception {
        int limit = 5;
        int threads = 32;
        Gate gate = new Gate();
        try (Courier provider = Environments.builder()
                        .property("courier.filter.concurrency-limit.max", Integer.toString(limit))
                        .export(gate)
                        .start();
                Courier consumer = Environments.builder().start()) {
            GateService service = consumer.reference(GateService.class, direct(provider.port()));
            AtomicInteger refused = new AtomicInteger();
            ExecutorService callers = Executors.newFixedThreadPool(threads);
            try {
                List<Future<String>> calls = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    String name = "caller-" + i;
                    calls.add(callers.submit(() -> {
                        try {
                            return service.pass(name);
                        } catch (RpcException e) {
                            assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                            assertThat(e.notExecuted()).isTrue();
                            refused.incrementAndGet();
                            return null;
                        }
                    }));
                }
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> refused.get() == threads - limit && gate.executing() == limit);
                gate.open();
                int accepted = 0;
                for (Future<String> call : calls) {
                    if (call.get(30, TimeUnit.SECONDS) != null) {
                        accepted++;
                    }
                }
                log.info(
                        "concurrency limit {} under {} threads: accepted {}, refused {}, executed {}, max executing {}",
                        limit,
                        threads,
                        accepted,
                        refused.get(),
                        gate.executions(),
                        gate.maxExecuting());
                assertThat(accepted).isEqualTo(limit);
                assertThat(refused).hasValue(threads - limit);
                assertThat(gate.maxExecuting()).isEqualTo(limit);
                assertThat(gate.executions()).isEqualTo(limit);
            } finally {
                callers.shutdownNow();
                assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void tokenAuth_refusesWrongAndMissingTokensWithForbidden_unexecuted() {
        Gate gate = Gate.opened();
        try (Courier provider = Environments.builder()
                        .property("courier.filter.auth.tokens", "an-older-token-still-valid," + TOKEN)
                        .export(gate)
                        .start();
                Courier right = Environments.builder()
                        .property("courier.filter.consumer-auth.token", TOKEN)
                        .start();
                Courier wrong = Environments.builder()
                        .property("courier.filter.consumer-auth.token", "a-guessed-token-0123456789")
                        .start();
                Courier none = Environments.builder().start()) {
            assertThat(right.reference(GateService.class, direct(provider.port()))
                            .pass("in"))
                    .isEqualTo("in");

            assertForbidden(wrong, provider, "wrong token");
            assertForbidden(none, provider, "no token");
            log.info("token auth: 1 accepted, 2 refused (wrong, missing), executed {}", gate.executions());
            assertThat(gate.executions()).isEqualTo(1);
        }
    }

    @Test
    void signing_refusesReplayedTamperedAndUnsignedRequests_unexecuted() {
        Gate gate = Gate.opened();
        try (Courier provider = Environments.builder()
                        .property("courier.filter.signature.secret", SECRET)
                        .export(gate)
                        .start();
                Courier replaying = signingConsumer()
                        .property("courier.filter.tamper.mode", "replay")
                        .start();
                Courier tampering = signingConsumer()
                        .property("courier.filter.tamper.mode", "deadline")
                        .start();
                Courier unsigned = Environments.builder().start()) {
            GateService replayed = replaying.reference(GateService.class, direct(provider.port()));
            assertThat(replayed.pass("original")).isEqualTo("original");
            assertThat(gate.executions()).isEqualTo(1);

            assertForbidden(replaying, provider, "signature: replayed request");
            assertForbidden(tampering, provider, "signature: signature mismatch");
            assertForbidden(unsigned, provider, "signature: unsigned request");
            log.info("signing: 1 accepted, 3 refused (replayed, tampered, unsigned), executed {}", gate.executions());
            assertThat(gate.executions()).isEqualTo(1);
        }
    }

    @Test
    void userFilterFromServicesFile_runsAtItsOrder_afterAuthAndBeforeTheRateLimit() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Gate gate = Gate.opened();
        try (Courier provider = Environments.builder()
                        .meterRegistry(meters)
                        .property("courier.filter.probe.enabled", "true")
                        .property("courier.filter.auth.tokens", TOKEN)
                        .property("courier.filter.rate-limit.qps", "0")
                        .export(gate)
                        .start();
                Courier stranger = Environments.builder()
                        .property("courier.filter.consumer-auth.token", "a-guessed-token-0123456789")
                        .start();
                Courier member = Environments.builder()
                        .property("courier.filter.consumer-auth.token", TOKEN)
                        .start()) {
            // Refused by auth (order 450): the probe (550) never sees it.
            assertForbidden(stranger, provider, "wrong token");
            assertThat(meters.get(ProbeFilter.COUNTER).counter().count()).isZero();

            // Passes auth, seen by the probe, then refused by the rate limit (600).
            assertThatThrownBy(() -> member.reference(GateService.class, direct(provider.port()))
                            .pass("limited"))
                    .isInstanceOfSatisfying(
                            RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
            assertThat(meters.get(ProbeFilter.COUNTER).counter().count()).isEqualTo(1.0);
            assertThat(gate.executions()).isZero();
        }
    }

    @Test
    void circuitBreaker_openInTheEndpointsInvoker_showsInTheApplicationsStatus_forItsMethod() {
        Flaky flaky = new Flaky();
        try (Courier provider = Environments.builder().export(flaky).start();
                Courier consumer = Environments.builder()
                        .property("courier.filter.circuit-breaker.enabled", "true")
                        .property("courier.filter.circuit-breaker.minimum-calls", "3")
                        .property("courier.filter.circuit-breaker.open-millis", "600000")
                        .property("courier.filter.circuit-breaker.business-exceptions-fail", "true")
                        .start()) {
            GateService service = consumer.reference(GateService.class, direct(provider.port()));
            assertThat(service.pass("healthy")).isEqualTo("healthy");
            assertThat(breakerOpen(consumer)).isEmpty();

            flaky.fail(true);
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> service.pass("failing")).isInstanceOf(IllegalStateException.class);
            }

            assertThatThrownBy(() -> service.pass("while open"))
                    .isInstanceOfSatisfying(
                            RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CIRCUIT_OPEN));
            assertThat(breakerOpen(consumer)).containsExactly("pass(java.lang.String)");
            assertThat(flaky.executions())
                    .as("the open circuit's refusal never reached the provider")
                    .isEqualTo(3);
        }
    }

    /** The methods whose breaker is open on the one instance of the one reference, as the status shows them. */
    private static List<String> breakerOpen(Courier consumer) {
        return consumer.status().references().get(0).instances().get(0).breakerOpen();
    }

    @Test
    void circuitBreaker_opensAtItsThreshold_failsFastWithoutReachingTheProvider_probesAndCloses() {
        Flaky flaky = new Flaky();
        try (Courier provider = Environments.builder().export(flaky).start();
                Courier consumer = Environments.builder()
                        .property("courier.filter.circuit-breaker.enabled", "true")
                        .property("courier.filter.circuit-breaker.window-size", "10")
                        .property("courier.filter.circuit-breaker.minimum-calls", "4")
                        .property("courier.filter.circuit-breaker.failure-rate-threshold", "50")
                        .property("courier.filter.circuit-breaker.open-millis", "500")
                        .property("courier.filter.circuit-breaker.half-open-calls", "2")
                        .property("courier.filter.circuit-breaker.business-exceptions-fail", "true")
                        .start()) {
            GateService service = consumer.reference(GateService.class, direct(provider.port()));
            assertThat(service.pass("healthy")).isEqualTo("healthy");

            flaky.fail(true);
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> service.pass("failing")).isInstanceOf(IllegalStateException.class);
            }
            assertThat(flaky.executions()).isEqualTo(4);

            // 3 failures of 4 calls: open. Calls fail fast and never reach the provider.
            int fastFailures = 0;
            for (int i = 0; i < 20; i++) {
                try {
                    service.pass("while open");
                } catch (RpcException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
                    fastFailures++;
                } catch (IllegalStateException e) {
                    break; // the open wait has already passed on a slow machine: a probe ran
                }
            }
            assertThat(fastFailures).isPositive();
            int executionsWhileOpen = flaky.executions() - 4;
            assertThat(executionsWhileOpen).isLessThanOrEqualTo(1);

            // The provider recovers; after the wait the probes pass and the circuit closes.
            flaky.fail(false);
            AtomicInteger refusedWhileWaiting = new AtomicInteger();
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        try {
                            return service.pass("probe").equals("probe");
                        } catch (RpcException e) {
                            assertThat(e.code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
                            refusedWhileWaiting.incrementAndGet();
                            return false;
                        }
                    });
            int before = flaky.executions();
            for (int i = 0; i < 10; i++) {
                assertThat(service.pass("closed")).isEqualTo("closed");
            }
            assertThat(flaky.executions()).isEqualTo(before + 10);
            log.info(
                    "circuit breaker: {} calls failed fast while open ({} reached the provider), {} more before the"
                            + " probe, then closed",
                    fastFailures,
                    executionsWhileOpen,
                    refusedWhileWaiting.get());
        }
    }

    @Test
    void accessLog_writesOneLinePerCall_withTheConsumersAddressAsPeer_andTheRefusalCode() {
        Logger access = (Logger) LoggerFactory.getLogger("courier.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        try (Courier provider = Environments.builder()
                        .property("courier.filter.access-log.enabled", "true")
                        .property("courier.filter.auth.tokens", TOKEN)
                        .export(Gate.opened())
                        .start();
                Courier member = Environments.builder()
                        .property("courier.filter.consumer-auth.token", TOKEN)
                        .start();
                Courier stranger = Environments.builder().start()) {
            member.reference(GateService.class, direct(provider.port())).pass("logged");
            assertForbidden(stranger, provider, "no token");

            List<String> logged =
                    lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            log.info("access log: {}", logged);
            String prefix = "side=provider service=" + GateService.class.getName() + " method=pass(java.lang.String)"
                    + " peer=127.0.0.1:";
            assertThat(logged).hasSize(2);
            assertThat(logged.get(0)).startsWith(prefix).endsWith(" status=OK");
            assertThat(logged.get(1)).startsWith(prefix).endsWith(" status=FORBIDDEN");
        } finally {
            access.detachAppender(lines);
        }
    }

    private static CourierBuilder signingConsumer() {
        return Environments.builder().property("courier.filter.consumer-signature.secret", SECRET);
    }

    private static void assertForbidden(Courier consumer, Courier provider, String reason) {
        GateService service = consumer.reference(GateService.class, direct(provider.port()));
        assertThatThrownBy(() -> service.pass("refused"))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                    assertThat(e.notExecuted()).isTrue();
                })
                .hasMessageContaining(reason);
    }

    static ReferenceOptions direct(int port) {
        return ReferenceOptions.builder()
                .directEndpoints(List.of(Endpoint.of("127.0.0.1", port)))
                .timeoutMillis(30_000)
                .retries(0)
                .build();
    }
}

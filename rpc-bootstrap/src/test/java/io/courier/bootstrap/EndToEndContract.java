package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.ReferenceOptions;
import io.courier.api.RemoteException;
import io.courier.api.RpcException;
import io.courier.bootstrap.fixtures.calls.Box;
import io.courier.bootstrap.fixtures.calls.BusinessException;
import io.courier.bootstrap.fixtures.calls.CallService;
import io.courier.bootstrap.fixtures.calls.RecordingCallService;
import io.courier.bootstrap.fixtures.calls.UnlistedException;
import io.courier.bootstrap.fixtures.calls.WideService;
import io.courier.bootstrap.fixtures.calls.WideServiceProvider;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Calls across real sockets on 127.0.0.1, from a consumer application to a provider application,
 * for every kind of method; run once per {@code ProxyFactory}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class EndToEndContract {

    /** The provider's business pool: small, to show that waiting calls hold no thread. */
    private static final int SERVER_THREADS = 4;

    private final RecordingCallService service = new RecordingCallService();
    private Courier provider;
    private Courier consumer;
    private CallService calls;

    /** The {@code ProxyFactory} extension both applications use. */
    abstract String proxy();

    @BeforeAll
    void start() {
        provider = Environments.builder()
                .application("provider")
                .proxy(proxy())
                .property("courier.server.threads", Integer.toString(SERVER_THREADS))
                .export(service)
                .export(new WideServiceProvider())
                .start();
        consumer = Environments.builder().application("consumer").proxy(proxy()).start();
        calls = consumer.reference(CallService.class, direct().build());
    }

    @AfterAll
    void stop() {
        if (consumer != null) {
            consumer.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    private ReferenceOptions.Builder direct() {
        return ReferenceOptions.builder()
                .directEndpoints(List.of(Endpoint.of("127.0.0.1", provider.port())))
                .retries(0);
    }

    @Test
    void sync_returnsTheProvidersAnswer() {
        assertThat(calls.echo("hello")).isEqualTo("hello");
    }

    @Test
    void nullArgumentAndResult_travel() {
        assertThat(calls.echo(null)).isNull();
        assertThat(calls.add(null, "b")).isEqualTo("nullb");
    }

    @Test
    void overloadedMethods_reachTheRightOverload() {
        assertThat(calls.add(1, 2)).isEqualTo(3);
        assertThat(calls.add(1L, 2L)).isEqualTo(1_000_000_000_003L);
        assertThat(calls.add("a", "b")).isEqualTo("ab");
    }

    @Test
    void genericTypesInSignatures_roundTrip() {
        Map<String, List<Integer>> values = new HashMap<>();
        values.put("a", List.of(1, 2, 3));
        values.put("b", new ArrayList<>());

        assertThat(calls.sizes(values)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 3, "b", 0));
        Box<List<String>> box = calls.box(List.of("x", "y"));
        assertThat(box.value()).containsExactly("x", "y");
    }

    @Test
    void defaultMethod_runsOnTheConsumerAndCallsRemotely() {
        assertThat(calls.greet("Ada")).isEqualTo("Hello, Ada");
    }

    @Test
    void objectMethods_areAnsweredLocally() {
        CallService other = consumer.reference(
                CallService.class, direct().timeoutMillis(1234).build());

        assertThat(calls).isEqualTo(calls).isNotEqualTo(other);
        assertThat(calls.hashCode()).isEqualTo(calls.hashCode());
        assertThat(calls.toString()).contains(CallService.class.getName());
    }

    @Test
    void checkedBusinessException_arrivesAsItself() {
        assertThatThrownBy(() -> calls.refuse("out of stock"))
                .isExactlyInstanceOf(BusinessException.class)
                .hasMessage("out of stock");
    }

    @Test
    void uncheckedBusinessException_arrivesAsItself() {
        assertThatThrownBy(() -> calls.crash("boom"))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("boom");
    }

    @Test
    void exceptionOfAClassNotAllowed_arrivesAsRemoteExceptionWithNameMessageAndStack() {
        assertThatThrownBy(() -> calls.crashUnlisted("secret"))
                .isInstanceOfSatisfying(RemoteException.class, remote -> {
                    assertThat(remote.remoteClassName()).isEqualTo(UnlistedException.class.getName());
                    assertThat(remote.getMessage()).contains("secret");
                    assertThat(remote.getStackTrace()).anySatisfy(frame -> assertThat(frame.getClassName())
                            .isEqualTo(RecordingCallService.class.getName()));
                });
    }

    @Test
    void oneway_returnsAtOnceAndRunsOnTheProvider() {
        calls.record("first");
        calls.record("second");

        await().atMost(Duration.ofSeconds(5)).until(() -> service.events().containsAll(List.of("first", "second")));
    }

    @Test
    void async_returnsBeforeTheProviderAnswers() throws Exception {
        CompletableFuture<String> future = calls.later("one");

        await().atMost(Duration.ofSeconds(5)).until(() -> service.pendingCount() >= 1);
        assertThat(future).isNotDone();
        service.releaseAll();
        assertThat(future.get(5, TimeUnit.SECONDS)).isEqualTo("done one");
    }

    @Test
    void thousandOutstandingAsyncCalls_completeWithFourServerThreads() throws Exception {
        int count = 1_000;
        service.releaseAll();
        // The calls wait on purpose until all of them are in: a timeout longer than that takes.
        CallService patient = consumer.reference(
                CallService.class, direct().timeoutMillis(60_000).build());
        List<CompletableFuture<String>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            futures.add(patient.later("call " + i));
        }

        // Every call reached the implementation while four threads serve them: none holds a thread.
        // Counted by name, as a timed-out call of an earlier test may still reach the provider late.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(service.pendingCount("call "))
                .as("calls waiting at the provider; failed at the consumer: %s", failed(futures))
                .isEqualTo(count));
        assertThat(futures).noneMatch(CompletableFuture::isDone);
        assertThat(service.releaseAll()).isGreaterThanOrEqualTo(count);

        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        for (int i = 0; i < count; i++) {
            assertThat(futures.get(i).join()).isEqualTo("done call " + i);
        }
    }

    /** How many of {@code futures} failed, and the first failure: what a stalled wait reports. */
    private static String failed(List<CompletableFuture<String>> futures) {
        List<Throwable> failures = futures.stream()
                .filter(CompletableFuture::isCompletedExceptionally)
                .map(future -> future.handle((value, failure) -> failure).join())
                .toList();
        return failures.size() + (failures.isEmpty() ? "" : ", first " + failures.get(0));
    }

    @Test
    void serviceWithFiftyMethods_dispatchesEachToItsMethod() throws Exception {
        WideService wide = consumer.reference(WideService.class, direct().build());

        for (int i = 0; i < 50; i++) {
            Method method = WideService.class.getMethod(String.format("m%02d", i), int.class);
            assertThat(method.invoke(wide, 1_000)).as(method.getName()).isEqualTo(1_000 + i);
        }
    }

    @Test
    void frameworkFailure_isRpcExceptionWithCode() {
        int nobody = Leftovers.freePort();
        CallService unreachable = consumer.reference(
                CallService.class,
                ReferenceOptions.builder()
                        .directEndpoints(List.of(Endpoint.of("127.0.0.1", nobody)))
                        .retries(0)
                        .build());

        assertThatThrownBy(() -> unreachable.echo("anyone?"))
                .isInstanceOfSatisfying(RpcException.class, failure -> assertThat(failure.code())
                        .isIn(ErrorCode.CONNECT_FAILED, ErrorCode.NO_PROVIDER, ErrorCode.NETWORK));
    }

    @Test
    void timeout_isRpcExceptionWithTimeoutCode() {
        CallService impatient = consumer.reference(
                CallService.class, direct().timeoutMillis(200).build());

        CompletableFuture<String> future = impatient.later("slow");

        assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(RpcException.class)
                .cause()
                .satisfies(cause -> assertThat(((RpcException) cause).code()).isEqualTo(ErrorCode.TIMEOUT));
        service.releaseAll();
    }
}

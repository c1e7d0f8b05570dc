package io.courier.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RemoteException;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.proxy.ProxyFactory;
import io.courier.spi.ExtensionLoader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ProxyFactory} must do with a call, run against each implementation by a
 * subclass: sync, async and oneway calls, attachments, and how failures reach the caller. See
 * {@link ProxyContractSupport} for how calls travel.
 */
abstract class ProxyFactoryContractTest extends ProxyContractSupport {

    @Test
    void factory_isRegisteredUnderItsNameNextToTheJavassistDefault() {
        ExtensionLoader<ProxyFactory> loader = ExtensionLoader.of(ProxyFactory.class);
        assertThat(loader.names()).contains("javassist", "jdk");
        assertThat(loader.getDefault()).isInstanceOf(JavassistProxyFactory.class);
        assertThat(loader.nameOf(factory.getClass())).isEqualTo(factoryName());
    }

    @Test
    void sync_callReachesTheImplementationWithPrecomputedMetadata() {
        Wire wire = wire(EchoService.class, new EchoProvider(completer));
        ServiceKey key = new ServiceKey("shop", EchoService.class.getName(), "1.0");
        ServiceDescriptor service = ServiceDescriptor.of(EchoService.class);
        EchoService echo = factory.createProxy(EchoService.class, key, service, wire);

        assertThat(echo.echo("hi")).isEqualTo("hi");

        Invocation sent = wire.sent.get(0);
        assertThat(sent.serviceKey()).isEqualTo(key);
        assertThat(sent.method()).isSameAs(service.find("echo(java.lang.String)"));
        assertThat(sent.arguments()).containsExactly("hi");
        assertThat(sent.attachments()).isEmpty();
    }

    @Test
    void sync_voidMethodReturnsOnlyAfterTheImplementationRan() {
        EchoProvider provider = new EchoProvider(completer);
        EchoService echo = connect(EchoService.class, provider);

        echo.ping();

        assertThat(provider.events).containsExactly("ping");
    }

    @Test
    void sync_sendsTheOutgoingAttachmentsOfTheCallingThread() {
        Wire wire = wire(EchoService.class, new EchoProvider(completer));
        EchoService echo = proxy(EchoService.class, wire);
        RpcContext.current().setAttachment("trace", "t-1").setTag("canary");

        echo.echo("x");
        RpcContext.current().clearAttachments();
        echo.echo("y");

        assertThat(wire.sent.get(0).attachments()).containsOnly(entry("trace", "t-1"), entry(RpcContext.TAG, "canary"));
        assertThat(wire.sent.get(1).attachments()).isEmpty();
    }

    @Test
    void async_returnsAtOnceAndCompletesWithTheValue() {
        EchoService echo = connect(EchoService.class, new EchoProvider(completer));

        assertThat(echo.echoAsync("later")).succeedsWithin(WAIT).isEqualTo("later");
    }

    @Test
    void async_thousandOutstandingCallsCompleteFromAnotherExecutorWithoutBlocking() throws Exception {
        Invoker dispatcher = dispatcher(EchoService.class, new EchoProvider(completer));
        Queue<Runnable> parked = new ConcurrentLinkedQueue<>();
        Invoker parking = invocation -> {
            CompletableFuture<RpcResult> answer = new CompletableFuture<>();
            parked.add(() -> dispatcher.invoke(invocation).whenComplete((result, failure) -> {
                if (failure != null) {
                    answer.completeExceptionally(failure);
                } else {
                    answer.complete(result);
                }
            }));
            return answer;
        };
        EchoService echo = proxy(EchoService.class, parking);

        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            calls.add(echo.echoAsync("m" + i));
        }
        // Every call returned on this one thread while its answer is still outstanding.
        assertThat(parked).hasSize(1_000);
        assertThat(calls).noneMatch(CompletableFuture::isDone);

        ExecutorService answering = Executors.newFixedThreadPool(2, named("answering"));
        try {
            for (Runnable answer = parked.poll(); answer != null; answer = parked.poll()) {
                answering.execute(answer);
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            answering.shutdownNow();
            assertThat(answering.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        for (int i = 0; i < calls.size(); i++) {
            assertThat(calls.get(i).join()).isEqualTo("m" + i);
        }
    }

    @Test
    void async_checkedBusinessExceptionCompletesTheFutureWithThatException() {
        EchoService echo = connect(EchoService.class, new EchoProvider(completer));

        CompletableFuture<String> call = echo.findAsync("ghost");

        assertThat(call)
                .failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(NotFoundException.class)
                .withMessage("no ghost");
        AtomicReference<Throwable> seen = new AtomicReference<>();
        call.whenComplete((value, failure) -> seen.set(failure));
        assertThat(seen.get()).isInstanceOf(NotFoundException.class);
    }

    @Test
    void async_rpcExceptionFromTheInvokerFailsTheFutureUnwrapped() {
        RpcException timeout = new RpcException(ErrorCode.TIMEOUT, "no answer");
        EchoService echo = proxy(
                EchoService.class,
                invocation -> CompletableFuture.supplyAsync(
                        () -> {
                            throw timeout;
                        },
                        completer));

        assertThat(echo.echoAsync("x"))
                .failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isSameAs(timeout);
    }

    @Test
    void oneway_returnsWithoutWaitingForTheAnswer() {
        List<Invocation> sent = new CopyOnWriteArrayList<>();
        CompletableFuture<RpcResult> never = new CompletableFuture<>();
        EchoService echo = proxy(EchoService.class, invocation -> {
            sent.add(invocation);
            return never;
        });

        assertTimeoutPreemptively(WAIT, () -> echo.fire("bang"));

        assertThat(sent).singleElement().satisfies(invocation -> assertThat(
                        invocation.method().oneway())
                .isTrue());
    }

    @Test
    void oneway_isStillRunByTheProvider() throws InterruptedException {
        EchoProvider provider = new EchoProvider(completer);
        EchoService echo = connect(EchoService.class, provider);

        echo.fire("bang");

        assertThat(provider.events.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("bang");
    }

    @Test
    void oneway_throwsAFailureTheInvokerAlreadyKnows() {
        RpcException open = new RpcException(ErrorCode.CIRCUIT_OPEN, "open");
        EchoService echo = proxy(EchoService.class, invocation -> CompletableFuture.failedFuture(open));

        assertThatThrownBy(() -> echo.fire("x")).isSameAs(open);
    }

    @Test
    void oneway_listedByTheReferenceSharesTheProxyClassButDoesNotWait() {
        RpcException timeout = new RpcException(ErrorCode.TIMEOUT, "too slow");
        Invoker failsElsewhere = invocation -> CompletableFuture.supplyAsync(
                () -> {
                    throw timeout;
                },
                completer);
        ServiceKey key = ServiceKey.of(EchoService.class);
        EchoService oneway = factory.createProxy(
                EchoService.class,
                key,
                ServiceDescriptor.of(EchoService.class, Set.of("record")),
                invocation -> new CompletableFuture<>());
        EchoService twoWay =
                factory.createProxy(EchoService.class, key, ServiceDescriptor.of(EchoService.class), failsElsewhere);

        assertTimeoutPreemptively(WAIT, () -> oneway.record("sent and forgotten"));
        assertThatThrownBy(() -> twoWay.record("waited for")).isSameAs(timeout);
        assertThat(oneway.getClass()).isSameAs(twoWay.getClass());
    }

    @Test
    void checkedBusinessException_isThrownAsTheSameType() throws NotFoundException {
        EchoService echo = connect(EchoService.class, new EchoProvider(completer));

        assertThat(echo.find("known-1")).isEqualTo("found known-1");
        assertThatThrownBy(() -> echo.find("ghost"))
                .isExactlyInstanceOf(NotFoundException.class)
                .hasMessage("no ghost");
    }

    @Test
    void uncheckedBusinessException_isThrownAsTheSameType() {
        EchoService echo = connect(EchoService.class, new EchoProvider(completer));

        assertThatThrownBy(() -> echo.crash("boom"))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("boom");
        assertThatThrownBy(() -> echo.fail("bad"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad");
    }

    @Test
    void undeclaredCheckedBusinessException_arrivesAsRemoteException() {
        IOException disk = new IOException("disk full");
        EchoService echo =
                proxy(EchoService.class, invocation -> CompletableFuture.completedFuture(RpcResult.ofException(disk)));

        assertThatThrownBy(() -> echo.echo("x")).isInstanceOfSatisfying(RemoteException.class, remote -> {
            assertThat(remote.remoteClassName()).isEqualTo("java.io.IOException");
            assertThat(remote).hasMessageContaining("disk full").hasCause(disk);
            assertThat(remote.getStackTrace()).isEqualTo(disk.getStackTrace());
        });
    }

    @Test
    void rpcExceptionFromTheInvoker_isThrownAsItIsEvenWhenWrapped() {
        RpcException noProvider = new RpcException(ErrorCode.NO_PROVIDER, "none");
        EchoService direct = proxy(EchoService.class, invocation -> CompletableFuture.failedFuture(noProvider));
        EchoService wrapped = proxy(
                EchoService.class, invocation -> CompletableFuture.failedFuture(new CompletionException(noProvider)));

        assertThatThrownBy(() -> direct.echo("x")).isSameAs(noProvider);
        assertThatThrownBy(() -> wrapped.ping()).isSameAs(noProvider);
        assertThatThrownBy(() -> direct.fire("x")).isSameAs(noProvider);
    }

    @Test
    void anyOtherInvokerFailure_becomesAnRpcException() {
        IllegalStateException bug = new IllegalStateException("filter bug");
        EchoService failing = proxy(EchoService.class, invocation -> CompletableFuture.failedFuture(bug));
        EchoService throwing = proxy(EchoService.class, invocation -> {
            throw bug;
        });
        EchoService empty = proxy(EchoService.class, invocation -> CompletableFuture.completedFuture(null));

        assertThatThrownBy(() -> failing.echo("x"))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN))
                .hasMessageContaining("echo(java.lang.String)")
                .hasCause(bug);
        assertThatThrownBy(() -> throwing.echo("x"))
                .isInstanceOf(RpcException.class)
                .hasCause(bug);
        assertThat(throwing.echoAsync("x"))
                .failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(RpcException.class)
                .havingCause()
                .isSameAs(bug);
        assertThatThrownBy(() -> empty.echo("x"))
                .isInstanceOf(RpcException.class)
                .hasMessageContaining("without an RpcResult");
    }

    @Test
    void interruptWhileWaiting_throwsRpcExceptionAndKeepsTheInterrupt() {
        EchoService echo = proxy(EchoService.class, invocation -> new CompletableFuture<>());
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> echo.echo("x"))
                    .isInstanceOf(RpcException.class)
                    .hasMessageContaining("interrupted")
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}

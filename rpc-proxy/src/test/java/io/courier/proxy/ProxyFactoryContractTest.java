package io.courier.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.ProxyFactory;
import io.courier.api.RemoteException;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.spi.ExtensionLoader;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link ProxyFactory} must do, run against each implementation by a subclass. Calls
 * travel in-process: a consumer proxy's invoker hands the invocation to a dispatcher from the same
 * factory, hopping onto a "wire" thread as a transport would. The proxy and the dispatcher use
 * distinct {@link ServiceDescriptor} instances of the interface, as two processes would.
 */
@Timeout(60)
abstract class ProxyFactoryContractTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    ProxyFactory factory;
    private ExecutorService wireThread;
    private ExecutorService completer;

    /** The extension name of the factory under test. */
    abstract String factoryName();

    @BeforeEach
    void setUp() {
        factory = ExtensionLoader.of(ProxyFactory.class).get(factoryName());
        wireThread = startedPool(1, "wire");
        completer = startedPool(2, "completer");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        RpcContext.current().clearAttachments();
        wireThread.shutdownNow();
        completer.shutdownNow();
        assertThat(wireThread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(completer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    // --- registration ---

    @Test
    void factory_isRegisteredUnderItsNameNextToTheJavassistDefault() {
        ExtensionLoader<ProxyFactory> loader = ExtensionLoader.of(ProxyFactory.class);
        assertThat(loader.names()).contains("javassist", "jdk");
        assertThat(loader.getDefault()).isInstanceOf(JavassistProxyFactory.class);
        assertThat(loader.nameOf(factory.getClass())).isEqualTo(factoryName());
    }

    // --- synchronous calls ---

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

    // --- asynchronous calls ---

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

    // --- oneway calls ---

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

    // --- exceptions ---

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

    // --- values ---

    @Test
    void nullArgumentsAndResults_travelAsNull() {
        Wire wire = wire(EchoService.class, new EchoProvider(completer));
        EchoService echo = proxy(EchoService.class, wire);

        assertThat(echo.echo(null)).isNull();
        assertThat(echo.echoObject(null)).isNull();
        assertThat(echo.split(null)).isNull();
        assertThat(echo.echoAsync(null)).succeedsWithin(WAIT).isNull();
        assertThat(wire.sent)
                .allSatisfy(invocation -> assertThat(invocation.argument(0)).isNull());
    }

    @Test
    void arrays_travelAsArrays() {
        EchoService echo = connect(EchoService.class, new EchoProvider(completer));

        assertThat(echo.reverse(new int[] {1, 2, 3})).containsExactly(3, 2, 1);
        assertThat(echo.split("a,b")).containsExactly("a", "b");
        assertThat(echo.echoObject(List.of(1L))).isEqualTo(List.of(1L));
    }

    @Test
    void primitives_ofEveryTypeAreBoxedAndUnboxed() {
        PrimitiveService primitives = connect(PrimitiveService.class, new PrimitiveProvider());

        assertThat(primitives.not(true)).isFalse();
        assertThat(primitives.nextByte((byte) 7)).isEqualTo((byte) 8);
        assertThat(primitives.nextByte(Byte.MAX_VALUE)).isEqualTo(Byte.MIN_VALUE);
        assertThat(primitives.nextShort((short) -2)).isEqualTo((short) -1);
        assertThat(primitives.nextChar('a')).isEqualTo('b');
        assertThat(primitives.nextInt(Integer.MAX_VALUE)).isEqualTo(Integer.MIN_VALUE);
        assertThat(primitives.nextLong(1L << 40)).isEqualTo((1L << 40) + 1);
        assertThat(primitives.half(3f)).isEqualTo(1.5f);
        assertThat(primitives.twice(Double.MIN_VALUE)).isEqualTo(2 * Double.MIN_VALUE);
        assertThat(primitives.describe(true, (byte) 1, (short) 2, 'c', 3, 4L, 5.5f, 6.25))
                .isEqualTo("true 1 2 c 3 4 5.5 6.25");
        assertThat(primitives.count()).isEqualTo(42);
    }

    @Test
    void primitiveResult_nullOrOfAnotherType_isAnRpcExceptionNamingTheMethod() {
        PrimitiveService nothing =
                proxy(PrimitiveService.class, invocation -> CompletableFuture.completedFuture(RpcResult.of(null)));
        PrimitiveService text =
                proxy(PrimitiveService.class, invocation -> CompletableFuture.completedFuture(RpcResult.of("7")));

        assertThatThrownBy(nothing::count)
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION))
                .hasMessage("count() returned null (expected: int)");
        assertThatThrownBy(() -> nothing.not(true)).hasMessage("not(boolean) returned null (expected: boolean)");
        assertThatThrownBy(() -> text.twice(1))
                .isInstanceOf(RpcException.class)
                .hasMessage("twice(double) returned java.lang.String (expected: double)");
    }

    @Test
    void dispatcher_refusesArgumentsThatDoNotFitWithoutRunningTheMethod() {
        ServiceDescriptor service = ServiceDescriptor.of(PrimitiveService.class);
        Invoker dispatcher = factory.createDispatcher(new PrimitiveProvider(), service);
        ServiceKey key = ServiceKey.of(PrimitiveService.class);

        Invocation nullInt = Invocation.of(key, service.find("nextInt(int)"), new Object[] {null});
        Invocation textInt = Invocation.of(key, service.find("nextInt(int)"), new Object[] {"7"});

        assertThat(dispatcher.invoke(nullInt))
                .failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
                .withMessage("argument 0 of nextInt(int): null (expected: int)");
        assertThat(dispatcher.invoke(textInt))
                .failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .withMessage("argument 0 of nextInt(int): java.lang.String (expected: int)");
    }

    @Test
    void dispatcher_refusesAMethodItsServiceDoesNotHave() {
        Invoker dispatcher = dispatcher(EchoService.class, new EchoProvider(completer));
        Invocation foreign = Invocation.of(
                ServiceKey.of(Greeter.class),
                ServiceDescriptor.of(Greeter.class).find("greet(java.lang.String)"),
                new Object[] {"x"});

        assertThat(dispatcher.invoke(foreign))
                .failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
                .withMessageContaining("unknown method greet(java.lang.String)");
    }

    @Test
    void dispatcher_answersAnAsyncMethodReturningNullWithAnExceptionResult() {
        ServiceDescriptor service = ServiceDescriptor.of(EchoService.class);
        EchoService broken = new EchoProvider(completer) {
            @Override
            public CompletableFuture<String> echoAsync(String text) {
                return null;
            }
        };
        Invoker dispatcher = factory.createDispatcher(broken, service);

        RpcResult result = dispatcher
                .invoke(Invocation.of(
                        ServiceKey.of(EchoService.class), service.find("echoAsync(java.lang.String)"), new Object[] {"x"
                        }))
                .join();

        assertThat(result.exception())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("returned null instead of a CompletableFuture");
    }

    // --- signatures ---

    @Test
    void overloadedMethods_eachReachTheirOwnImplementation() {
        OverloadedService overloaded = connect(OverloadedService.class, new OverloadedProvider());

        assertThat(overloaded.over()).isEqualTo("()");
        assertThat(overloaded.over(1)).isEqualTo("int 1");
        assertThat(overloaded.over(2L)).isEqualTo("long 2");
        assertThat(overloaded.over(Integer.valueOf(3))).isEqualTo("Integer 3");
        assertThat(overloaded.over((Integer) null)).isEqualTo("Integer null");
        assertThat(overloaded.over("s")).isEqualTo("String s");
        assertThat(overloaded.over("a", "b")).isEqualTo("String,String a b");
        assertThat(overloaded.over((Object) "o")).isEqualTo("Object o");
    }

    @Test
    void genericSignaturesAndInheritedMethods_work() {
        UserRepository users = connect(UserRepository.class, new InMemoryUsers());

        users.put(new User(1, "ada"));
        users.put(new User(2, "bob"));

        assertThat(users.get(1L)).isEqualTo(new User(1, "ada"));
        assertThat(users.get(9L)).isNull();
        assertThat(users.all()).containsExactly(new User(1, "ada"), new User(2, "bob"));
        assertThat(users.name()).isEqualTo("users");
        assertThat(users.sorted(List.of(3, 1, 2))).containsExactly(1, 2, 3);
        assertThat(users.sorted(List.of("b", "a"))).containsExactly("a", "b");
        assertThat(users.idsByName(Map.of(1L, "ada", 2L, "bob", 3L, "ada")))
                .containsExactly(entry("ada", List.of(1L, 3L)), entry("bob", List.of(2L)));
    }

    @Test
    void defaultMethods_runLocallyAndCallTheRemoteMethodsThroughTheProxy() {
        Wire wire = wire(Greeter.class, new SimpleGreeter());
        Greeter greeter = proxy(Greeter.class, wire);
        UserRepository users = connect(UserRepository.class, new InMemoryUsers());
        users.put(new User(7, "eve"));

        assertThat(greeter.greetTwice("Ada")).isEqualTo("Hello Ada Hello Ada");
        assertThat(wire.sent)
                .extracting(invocation -> invocation.method().descriptor())
                .containsExactly("greet(java.lang.String)", "greet(java.lang.String)");
        assertThat(users.describe(7L)).isEqualTo("users:eve");
    }

    @Test
    void objectMethods_areAnsweredLocallyByIdentity() {
        Wire wire = wire(Greeter.class, new SimpleGreeter());
        ServiceKey key = new ServiceKey("shop", Greeter.class.getName(), "2.0");
        ServiceDescriptor service = ServiceDescriptor.of(Greeter.class);
        Greeter one = factory.createProxy(Greeter.class, key, service, wire);
        Greeter other = factory.createProxy(Greeter.class, key, service, wire);

        assertThat(one.toString()).contains("shop/io.courier.proxy.Greeter:2.0");
        assertThat(one.hashCode()).isEqualTo(System.identityHashCode(one));
        assertThat(one.equals(one)).isTrue();
        assertThat(one.equals(other)).isFalse();
        assertThat(one.equals(null)).isFalse();
        assertThat(Set.of(one, other)).hasSize(2);
        assertThat(wire.sent).isEmpty();
    }

    @Test
    void objectMethodsRedeclaredByTheInterface_areStillAnsweredLocally() {
        Wire wire = wire(DescribedService.class, new RemoteDescription());
        DescribedService described = proxy(DescribedService.class, wire);

        assertThat(described.toString()).contains(DescribedService.class.getName());
        assertThat(described.hashCode()).isEqualTo(System.identityHashCode(described));
        assertThat(described.equals(described)).isTrue();
        assertThat(wire.sent).isEmpty();
        assertThat(described.describe()).isEqualTo("described remotely");
    }

    @Test
    void fiftyMethods_eachReachTheirOwnImplementation() throws Exception {
        Wire wire = wire(FiftyMethods.class, new FiftyMethodsProvider());
        FiftyMethods wide = proxy(FiftyMethods.class, wire);

        assertThat(wide.op00(1)).isEqualTo(1);
        assertThat(wide.op49(1)).isEqualTo(50);
        Method[] methods = FiftyMethods.class.getMethods();
        assertThat(methods).hasSize(50);
        for (Method method : methods) {
            int number = Integer.parseInt(method.getName().substring(2));
            assertThat(method.invoke(wide, 1_000)).as(method.getName()).isEqualTo(1_000 + number);
        }
        assertThat(wire.sent.stream()
                        .map(invocation -> invocation.method().descriptor())
                        .collect(Collectors.toSet()))
                .hasSize(50);
    }

    @Test
    void nonPublicImplementationOfAPackagePrivateInterface_works() {
        InternalService internal = connect(InternalService.class, new HiddenImplementation());

        assertThat(internal.secret(7)).isEqualTo("secret-7");
    }

    // --- creation and caching ---

    @Test
    void createProxy_refusesADescriptorOfAnotherInterface() {
        ServiceDescriptor echo = ServiceDescriptor.of(EchoService.class);

        assertThatThrownBy(() -> factory.createProxy(
                        Greeter.class, ServiceKey.of(Greeter.class), echo, invocation -> new CompletableFuture<>()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: a descriptor of io.courier.proxy.Greeter");
    }

    @Test
    void createDispatcher_refusesAnObjectNotImplementingTheInterface() {
        assertThatThrownBy(() -> factory.createDispatcher(new SimpleGreeter(), ServiceDescriptor.of(EchoService.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("implementation: io.courier.proxy.SimpleGreeter"
                        + " (expected: an implementation of io.courier.proxy.EchoService)");
    }

    @Test
    void proxyClass_isSharedPerInterfaceAndEachClassLoaderGetsItsOwn() throws Exception {
        Greeter first = connect(Greeter.class, new SimpleGreeter());
        Greeter second = connect(Greeter.class, new SimpleGreeter());
        assertThat(first.getClass()).isSameAs(second.getClass());

        IsolatingClassLoader loader = new IsolatingClassLoader(Greeter.class, SimpleGreeter.class);
        Class<?> isolated = loader.loadClass(Greeter.class.getName());
        Object isolatedFirst = isolatedGreeter(loader, isolated);
        Object isolatedSecond = isolatedGreeter(loader, isolated);

        assertThat(isolated).isNotSameAs(Greeter.class);
        assertThat(isolatedFirst.getClass()).isSameAs(isolatedSecond.getClass());
        assertThat(isolatedFirst.getClass()).isNotSameAs(first.getClass());
        assertThat(isolatedFirst.getClass().getClassLoader()).isSameAs(loader);
        assertThat(isolated.getMethod("greet", String.class).invoke(isolatedFirst, "Ada"))
                .isEqualTo("Hello Ada");
        assertThat(first.greet("Bob")).isEqualTo("Hello Bob");
    }

    @Test
    void classLoader_isCollectedOnceItsProxiesAndDispatchersAreGone() throws Exception {
        WeakReference<ClassLoader> loader = useAndDropIsolatedLoader();

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    System.gc();
                    return loader.get() == null;
                });
    }

    private WeakReference<ClassLoader> useAndDropIsolatedLoader() throws Exception {
        IsolatingClassLoader loader = new IsolatingClassLoader(Greeter.class, SimpleGreeter.class);
        Class<?> isolated = loader.loadClass(Greeter.class.getName());
        Object proxy = isolatedGreeter(loader, isolated);
        assertThat(isolated.getMethod("greetTwice", String.class).invoke(proxy, "Ada"))
                .isEqualTo("Hello Ada Hello Ada");
        return new WeakReference<>(loader);
    }

    /** A proxy of the isolated Greeter wired to a dispatcher of the isolated SimpleGreeter. */
    @SuppressWarnings("unchecked")
    private Object isolatedGreeter(ClassLoader loader, Class<?> isolated) throws Exception {
        Object implementation =
                loader.loadClass(SimpleGreeter.class.getName()).getConstructor().newInstance();
        Invoker dispatcher = factory.createDispatcher(implementation, ServiceDescriptor.of(isolated));
        return factory.createProxy(
                (Class<Object>) isolated,
                ServiceKey.of(isolated),
                ServiceDescriptor.of(isolated),
                new Wire(dispatcher));
    }

    // --- wiring ---

    /** A consumer proxy of {@code type} calling {@code implementation} in-process. */
    <T> T connect(Class<T> type, T implementation) {
        return proxy(type, wire(type, implementation));
    }

    <T> T proxy(Class<T> type, Invoker invoker) {
        return factory.createProxy(type, ServiceKey.of(type), ServiceDescriptor.of(type), invoker);
    }

    Invoker dispatcher(Class<?> type, Object implementation) {
        return factory.createDispatcher(implementation, ServiceDescriptor.of(type));
    }

    Wire wire(Class<?> type, Object implementation) {
        return new Wire(dispatcher(type, implementation));
    }

    /** Records what a proxy sends and hands it to a dispatcher on the wire thread. */
    final class Wire implements Invoker {

        final List<Invocation> sent = new CopyOnWriteArrayList<>();
        private final Invoker dispatcher;

        Wire(Invoker dispatcher) {
            this.dispatcher = dispatcher;
        }

        @Override
        public CompletableFuture<RpcResult> invoke(Invocation invocation) {
            sent.add(invocation);
            return CompletableFuture.supplyAsync(() -> invocation, wireThread).thenCompose(dispatcher::invoke);
        }
    }

    /**
     * A fixed pool whose threads exist before any test code runs: a thread created lazily while an
     * isolated class is on the stack would inherit an access control context that holds its class
     * loader, and keep it alive.
     */
    static ExecutorService startedPool(int threads, String prefix) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), named(prefix));
        pool.prestartAllCoreThreads();
        return pool;
    }

    static ThreadFactory named(String prefix) {
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + System.nanoTime());
            thread.setDaemon(true);
            return thread;
        };
    }

    // --- implementations, non-public on purpose ---

    private static final class PrimitiveProvider implements PrimitiveService {
        @Override
        public boolean not(boolean value) {
            return !value;
        }

        @Override
        public byte nextByte(byte value) {
            return (byte) (value + 1);
        }

        @Override
        public short nextShort(short value) {
            return (short) (value + 1);
        }

        @Override
        public char nextChar(char value) {
            return (char) (value + 1);
        }

        @Override
        public int nextInt(int value) {
            return value + 1;
        }

        @Override
        public long nextLong(long value) {
            return value + 1;
        }

        @Override
        public float half(float value) {
            return value / 2;
        }

        @Override
        public double twice(double value) {
            return value * 2;
        }

        @Override
        public String describe(boolean z, byte b, short s, char c, int i, long l, float f, double d) {
            return z + " " + b + " " + s + " " + c + " " + i + " " + l + " " + f + " " + d;
        }

        @Override
        public int count() {
            return 42;
        }
    }

    private static final class OverloadedProvider implements OverloadedService {
        @Override
        public String over() {
            return "()";
        }

        @Override
        public String over(int value) {
            return "int " + value;
        }

        @Override
        public String over(long value) {
            return "long " + value;
        }

        @Override
        public String over(Integer value) {
            return "Integer " + value;
        }

        @Override
        public String over(String value) {
            return "String " + value;
        }

        @Override
        public String over(String first, String second) {
            return "String,String " + first + " " + second;
        }

        @Override
        public String over(Object value) {
            return "Object " + value;
        }
    }

    private static final class InMemoryUsers implements UserRepository {
        private final Map<Long, User> users = new TreeMap<>();

        @Override
        public synchronized User get(Long id) {
            return users.get(id);
        }

        @Override
        public synchronized void put(User value) {
            users.put(value.id(), value);
        }

        @Override
        public synchronized List<User> all() {
            return List.copyOf(users.values());
        }

        @Override
        public String name() {
            return "users";
        }

        @Override
        public <T extends Comparable<T>> List<T> sorted(List<T> values) {
            return values.stream().sorted().toList();
        }

        @Override
        public Map<String, List<Long>> idsByName(Map<Long, String> names) {
            return new TreeMap<>(new TreeMap<>(names)
                    .entrySet().stream()
                            .collect(Collectors.groupingBy(
                                    Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList()))));
        }
    }

    private static final class RemoteDescription implements DescribedService {
        @Override
        public String describe() {
            return "described remotely";
        }

        @Override
        public String toString() {
            return "remote toString";
        }
    }

    private static final class HiddenImplementation implements InternalService {
        @Override
        public String secret(int code) {
            return "secret-" + code;
        }
    }
}

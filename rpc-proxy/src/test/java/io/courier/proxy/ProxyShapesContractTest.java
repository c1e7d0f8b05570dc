package io.courier.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.proxy.ProxyFactory;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ProxyFactory} must do with the shapes of values, methods and classes, run
 * against each implementation by a subclass: nulls, arrays and primitives, the dispatcher's
 * refusals, overloads, generics, default and {@code Object} methods, many methods, class sharing
 * per class loader and class unloading. See {@link ProxyContractSupport} for how calls travel.
 */
abstract class ProxyShapesContractTest extends ProxyContractSupport {

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
}

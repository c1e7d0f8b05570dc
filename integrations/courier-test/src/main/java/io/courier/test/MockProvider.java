package io.courier.test;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stubbed implementation of a service interface that a real provider application serves over real
 * sockets, registered like any provider: annotate a field {@link Provide} in a {@link CourierTest}, or
 * export {@link #implementation()} yourself.
 *
 * <pre>{@code
 * @Provide MockProvider<UserService> users = MockProvider.of(UserService.class);
 *
 * users.when(u -> u.find(1)).thenReturn(new User(1, "ada"));
 * users.when(u -> u.find(2)).thenThrow(new UserNotFoundException(2));
 * users.whenAny("search").delayedBy(Duration.ofMillis(200)).thenAnswer(call -> completedFuture(List.of()));
 * assertThat(users.calls("find")).hasSize(1);
 * }</pre>
 *
 * <p>A call matches a stub by method and equal arguments ({@link java.util.Arrays#deepEquals}), or by
 * method alone for {@link #whenAny}; the stub added last wins. A call no stub matches gets the default
 * answer: by default it fails with an {@link IllegalStateException} naming the call, which the
 * consumer sees as a remote exception. Every call is recorded before it is answered. Thread-safe:
 * calls arrive on the provider's threads while the test stubs and asserts.
 *
 * @param <T> the service interface
 */
public final class MockProvider<T> {

    private final Class<T> serviceInterface;
    private final MockAnswer defaultAnswer;
    private final List<StubRule> rules = new CopyOnWriteArrayList<>();
    private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();
    private final T implementation;

    private MockProvider(Class<T> serviceInterface, MockAnswer defaultAnswer) {
        this.serviceInterface = serviceInterface;
        this.defaultAnswer = defaultAnswer;
        this.implementation = serviceInterface.cast(Proxy.newProxyInstance(
                serviceInterface.getClassLoader(), new Class<?>[] {serviceInterface}, new MockInvocationHandler(this)));
    }

    /** A mock of {@code serviceInterface} whose unstubbed calls fail. */
    public static <T> MockProvider<T> of(Class<T> serviceInterface) {
        return of(serviceInterface, call -> {
            throw new IllegalStateException("MockProvider<" + serviceInterface.getSimpleName() + ">: no stub for "
                    + call + " (expected: when(...) or whenAny(\"" + call.methodName() + "\") before the call)");
        });
    }

    /**
     * A mock of {@code serviceInterface} whose unstubbed calls {@code defaultAnswer} answers, e.g.
     * {@link MockAnswer#delegatingTo} a Mockito mock, or {@link MockitoAnswers#of} a Mockito answer.
     */
    public static <T> MockProvider<T> of(Class<T> serviceInterface, MockAnswer defaultAnswer) {
        Objects.requireNonNull(serviceInterface, "serviceInterface");
        if (!serviceInterface.isInterface()) {
            throw new IllegalArgumentException(
                    "serviceInterface: " + serviceInterface.getName() + " (expected: an interface)");
        }
        return new MockProvider<>(serviceInterface, Objects.requireNonNull(defaultAnswer, "defaultAnswer"));
    }

    /** The service interface. */
    public Class<T> serviceInterface() {
        return serviceInterface;
    }

    /** The object to export: every call on it is recorded and answered by the stubs. */
    public T implementation() {
        return implementation;
    }

    /**
     * Stubs the call {@code call} makes, e.g. {@code when(users -> users.find(1))}, for these arguments.
     *
     * @throws IllegalArgumentException if {@code call} does not call exactly one method of the interface
     */
    public <R> Stubbing<R> when(Call<T, R> call) {
        Objects.requireNonNull(call, "call");
        return new Stubbing<>(this, StubCapture.capture(serviceInterface, call));
    }

    /** Stubs a {@code void} method's call, e.g. {@code whenCalled(users -> users.touch(1))}. */
    public Stubbing<Void> whenCalled(VoidCall<T> call) {
        Objects.requireNonNull(call, "call");
        return new Stubbing<>(this, StubCapture.capture(serviceInterface, target -> {
            call.call(target);
            return null;
        }));
    }

    /**
     * Stubs every call of the method {@code methodName}, whatever its arguments.
     *
     * @throws IllegalArgumentException if the interface has no method of that name
     */
    public Stubbing<Object> whenAny(String methodName) {
        Objects.requireNonNull(methodName, "methodName");
        List<Method> methods = List.of(serviceInterface.getMethods()).stream()
                .filter(method -> method.getName().equals(methodName))
                .toList();
        if (methods.isEmpty()) {
            throw new IllegalArgumentException(
                    "methodName: '" + methodName + "' (expected: a method of " + serviceInterface.getName() + ")");
        }
        return new Stubbing<>(this, StubRule.Match.anyArguments(methods));
    }

    /** Every call received so far, oldest first. */
    public List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    /** The calls of the method {@code methodName} received so far, oldest first. */
    public List<RecordedCall> calls(String methodName) {
        return calls.stream()
                .filter(call -> call.methodName().equals(methodName))
                .toList();
    }

    /** Forgets every stub and every recorded call. */
    public void reset() {
        rules.clear();
        calls.clear();
    }

    void add(StubRule rule) {
        rules.add(rule);
    }

    /** Records {@code call} and answers it from the last matching stub, or the default answer. */
    Object answer(RecordedCall call) throws Throwable {
        calls.add(call);
        for (int i = rules.size() - 1; i >= 0; i--) {
            StubRule rule = rules.get(i);
            if (rule.match().matches(call)) {
                return rule.answer(call);
            }
        }
        return defaultAnswer.answer(call);
    }

    @Override
    public String toString() {
        return "MockProvider<" + serviceInterface.getName() + ">";
    }

    /**
     * A call on the service interface that names what to stub, e.g. {@code users -> users.find(1)}.
     *
     * @param <T> the service interface
     * @param <R> the method's return type
     */
    @FunctionalInterface
    public interface Call<T, R> {
        R call(T service) throws Exception;
    }

    /** A call of a {@code void} method that names what to stub, e.g. {@code users -> users.touch(1)}. */
    @FunctionalInterface
    public interface VoidCall<T> {
        void call(T service) throws Exception;
    }
}

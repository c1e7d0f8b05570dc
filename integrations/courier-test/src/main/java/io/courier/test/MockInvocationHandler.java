package io.courier.test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;

/** Hands the calls on a mock's implementation to the mock; {@code Object}'s methods answer locally. */
final class MockInvocationHandler implements InvocationHandler {

    private final MockProvider<?> mock;

    MockInvocationHandler(MockProvider<?> mock) {
        this.mock = mock;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == arguments[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> mock.toString();
            };
        }
        return mock.answer(RecordedCall.of(method, arguments));
    }
}

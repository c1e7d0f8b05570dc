package io.courier.test;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Learns which method and arguments a stubbing lambda names by running it on a recording proxy that
 * answers every call with its return type's zero value.
 */
final class StubCapture {

    private StubCapture() {}

    static <T> StubRule.Match capture(Class<T> serviceInterface, MockProvider.Call<T, ?> call) {
        RecordedCall[] seen = new RecordedCall[1];
        int[] count = new int[1];
        T recorder = serviceInterface.cast(Proxy.newProxyInstance(
                serviceInterface.getClassLoader(), new Class<?>[] {serviceInterface}, (proxy, method, arguments) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("equals") ? proxy == arguments[0] : 0;
                    }
                    seen[0] = RecordedCall.of(method, arguments);
                    count[0]++;
                    return zero(method);
                }));
        try {
            call.call(recorder);
        } catch (Exception e) {
            throw new IllegalArgumentException("call: threw " + e + " (expected: only a call on the service)", e);
        }
        if (count[0] != 1) {
            throw new IllegalArgumentException("call: made " + count[0] + " calls on " + serviceInterface.getName()
                    + " (expected: exactly one, e.g. users -> users.find(1))");
        }
        return StubRule.Match.arguments(seen[0].method(), seen[0].arguments().toArray());
    }

    private static Object zero(Method method) {
        return Primitives.zero(method.getReturnType());
    }
}

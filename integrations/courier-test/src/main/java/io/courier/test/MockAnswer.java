package io.courier.test;

import java.lang.reflect.InvocationTargetException;

/**
 * Computes a {@link MockProvider}'s answer to one call. It runs on the provider's business thread;
 * what it throws reaches the consumer as the call's exception (a checked exception only if the
 * method declares it).
 */
@FunctionalInterface
public interface MockAnswer {

    /** The value to return for {@code call} ({@code null} for a {@code void} method). */
    Object answer(RecordedCall call) throws Throwable;

    /**
     * Answers every call by calling the same method on {@code target}, e.g. a Mockito mock or a fake
     * the test wrote, so that its own verification works on calls that came over the network.
     */
    static MockAnswer delegatingTo(Object target) {
        return call -> {
            try {
                call.method().setAccessible(true);
                return call.method().invoke(target, call.arguments().toArray());
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }
}

package io.courier.test;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * A stub being defined: what it matches is set, how it answers is chosen by one of the
 * {@code then...} methods, which add it to the {@link MockProvider}. Values and exceptions are checked
 * against the stubbed method's signature when the stub is added, so a wrong stub fails the test
 * where it is written rather than on the provider's thread.
 *
 * @param <R> the stubbed method's return type
 */
public final class Stubbing<R> {

    private final MockProvider<?> mock;
    private final StubRule.Match match;
    private Duration delay = Duration.ZERO;

    Stubbing(MockProvider<?> mock, StubRule.Match match) {
        this.mock = mock;
        this.match = match;
    }

    /** Holds the answer back for {@code delay}, like a slow provider. */
    public Stubbing<R> delayedBy(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay: " + delay + " (expected: >= 0)");
        }
        this.delay = delay;
        return this;
    }

    /**
     * Answers with {@code value}.
     *
     * @throws IllegalArgumentException if a stubbed method cannot return {@code value}
     */
    public void thenReturn(R value) {
        for (Method method : match.methods()) {
            Class<?> type = Primitives.box(method.getReturnType());
            if (value == null ? method.getReturnType().isPrimitive() : !type.isInstance(value)) {
                throw new IllegalArgumentException("thenReturn: " + describe(value) + " (expected: a value "
                        + method.getName() + " can return, of type "
                        + method.getGenericReturnType().getTypeName() + ")");
            }
        }
        add(call -> value);
    }

    /**
     * Answers by throwing {@code exception}; the consumer gets it as its call's exception.
     *
     * @throws IllegalArgumentException if {@code exception} is checked and a stubbed method does not
     *     declare it
     */
    public void thenThrow(Throwable exception) {
        Objects.requireNonNull(exception, "exception");
        boolean unchecked = exception instanceof RuntimeException || exception instanceof Error;
        for (Method method : match.methods()) {
            boolean declared = Arrays.stream(method.getExceptionTypes()).anyMatch(type -> type.isInstance(exception));
            if (!unchecked && !declared) {
                throw new IllegalArgumentException(
                        "thenThrow: " + exception.getClass().getName() + " (expected: an"
                                + " unchecked exception or one that " + method.getName() + " declares)");
            }
        }
        add(call -> {
            throw exception;
        });
    }

    /** Answers with what {@code answer} computes for each call. */
    public void thenAnswer(MockAnswer answer) {
        add(Objects.requireNonNull(answer, "answer"));
    }

    private void add(MockAnswer answer) {
        mock.add(new StubRule(match, answer, delay));
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getName();
    }
}

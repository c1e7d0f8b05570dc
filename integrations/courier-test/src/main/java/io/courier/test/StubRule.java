package io.courier.test;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One stub of a {@link MockProvider}: which calls it matches, how it answers and after what delay.
 *
 * @param match the calls it answers
 * @param answer computes the answer
 * @param delay how long the answer is held back; zero for none
 */
record StubRule(Match match, MockAnswer answer, Duration delay) {

    /**
     * Answers {@code call} after the delay: a method returning a {@link CompletionStage} gets a future
     * completed after the delay without holding the thread; any other method holds the provider's
     * thread, as a slow implementation would.
     */
    Object answer(RecordedCall call) throws Throwable {
        if (delay.isZero()) {
            return answer.answer(call);
        }
        if (CompletionStage.class.isAssignableFrom(call.method().getReturnType())) {
            CompletableFuture<Object> delayed = new CompletableFuture<>();
            CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS)
                    .execute(() -> complete(delayed, call));
            return delayed;
        }
        Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
        return answer.answer(call);
    }

    private void complete(CompletableFuture<Object> delayed, RecordedCall call) {
        try {
            Object value = answer.answer(call);
            if (value instanceof CompletionStage<?> stage) {
                stage.whenComplete((result, failure) -> {
                    if (failure != null) {
                        delayed.completeExceptionally(failure);
                    } else {
                        delayed.complete(result);
                    }
                });
            } else {
                delayed.complete(value);
            }
        } catch (Throwable e) {
            delayed.completeExceptionally(e);
        }
    }

    /**
     * Which calls a stub answers: one method with equal arguments, or any of some methods.
     *
     * @param methods the methods it applies to
     * @param arguments the arguments a call must have (deeply equal), or {@code null} for any
     */
    record Match(List<Method> methods, Object[] arguments) {

        static Match arguments(Method method, Object[] arguments) {
            return new Match(List.of(method), arguments.clone());
        }

        static Match anyArguments(List<Method> methods) {
            return new Match(List.copyOf(methods), null);
        }

        boolean matches(RecordedCall call) {
            return methods.contains(call.method())
                    && (arguments == null
                            || Arrays.deepEquals(arguments, call.arguments().toArray()));
        }
    }
}

package io.courier.test;

import java.lang.reflect.Method;
import java.util.Objects;
import org.mockito.invocation.InvocationOnMock;
import org.mockito.stubbing.Answer;

/**
 * Mockito {@link Answer}s as {@link MockAnswer}s, for tests that already have them
 * ({@code AdditionalAnswers.returnsFirstArg()}, {@code AdditionalAnswers.answersWithDelay(...)}, a
 * lambda over {@link InvocationOnMock}). Needs {@code mockito-core} on the test class path; the kit
 * does not bring it.
 */
public final class MockitoAnswers {

    private MockitoAnswers() {}

    /** A {@link MockAnswer} that asks {@code answer}, handing it the received call as an {@link InvocationOnMock}. */
    public static MockAnswer of(Answer<?> answer) {
        Objects.requireNonNull(answer, "answer");
        return call -> answer.answer(new ReceivedInvocation(call));
    }

    /** A received call seen as Mockito's invocation; there is no real method to call. */
    private record ReceivedInvocation(RecordedCall call) implements InvocationOnMock {

        @Override
        public Object getMock() {
            return null;
        }

        @Override
        public Method getMethod() {
            return call.method();
        }

        @Override
        public Object[] getArguments() {
            return call.arguments().toArray();
        }

        @Override
        public Object[] getRawArguments() {
            return getArguments();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getArgument(int index) {
            return (T) call.argument(index);
        }

        @Override
        public <T> T getArgument(int index, Class<T> clazz) {
            return clazz.cast(call.argument(index));
        }

        @Override
        public Object callRealMethod() {
            throw new UnsupportedOperationException(
                    call.method().getName() + ": a MockProvider has no real method to call");
        }
    }
}

package io.courier.mockserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One typed stub: which calls it answers and with what.
 *
 * @param line where it starts in its file, for logs
 * @param method the interface method it answers
 * @param arguments the arguments a call must have, as JSON trees of the typed values; {@code null} for any
 * @param value what it returns (already typed; for asynchronous methods, the future's value)
 * @param exception what it throws instead, or {@code null}
 * @param delayMillis how long the answer is held back
 */
record Stub(int line, Method method, List<JsonNode> arguments, Object value, Thrown exception, long delayMillis) {

    /** Whether a call of {@code called} with arguments whose trees are {@code callArguments} matches. */
    boolean matches(Method called, List<JsonNode> callArguments) {
        return method.equals(called) && (arguments == null || arguments.equals(callArguments));
    }

    /** The answer: the value (in a completed future for asynchronous methods), or the exception thrown. */
    Object answer() throws Throwable {
        if (delayMillis > 0) {
            Thread.sleep(delayMillis);
        }
        if (exception != null) {
            Throwable thrown = exception.create();
            if (StubResolver.isAsync(method)) {
                return CompletableFuture.failedFuture(thrown);
            }
            throw thrown;
        }
        return StubResolver.isAsync(method) ? CompletableFuture.completedFuture(value) : value;
    }

    /**
     * An exception a stub throws: a new instance per call.
     *
     * @param type a type the method declares, or an unchecked exception of the JDK's
     * @param message its message, or {@code null}
     */
    record Thrown(Class<? extends Throwable> type, String message) {
        Throwable create() throws ReflectiveOperationException {
            try {
                Constructor<? extends Throwable> withMessage = type.getConstructor(String.class);
                return withMessage.newInstance(message);
            } catch (NoSuchMethodException e) {
                return type.getConstructor().newInstance();
            }
        }
    }
}

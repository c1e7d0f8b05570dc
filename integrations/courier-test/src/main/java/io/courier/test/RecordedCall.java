package io.courier.test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One call a {@link MockProvider} received, as the provider decoded it.
 *
 * @param method the interface method called
 * @param arguments the decoded arguments, in order (unmodifiable; elements may be {@code null})
 */
public record RecordedCall(Method method, List<Object> arguments) {

    public RecordedCall {
        arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
    }

    static RecordedCall of(Method method, Object[] arguments) {
        return new RecordedCall(method, arguments == null ? List.of() : Arrays.asList(arguments));
    }

    /** The method's name. */
    public String methodName() {
        return method.getName();
    }

    /** The argument at {@code index}. */
    public Object argument(int index) {
        return arguments.get(index);
    }

    @Override
    public String toString() {
        return method.getName() + arguments;
    }
}

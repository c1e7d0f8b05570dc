package io.courier.protocol.serialization;

import io.courier.api.RemoteException;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.protocol.internal.Throwables;
import java.util.Map;

/**
 * Builds the exceptions another framework's serialization sends field by field (Apache Dubbo's
 * hessian2 writes an exception's {@code detailMessage}, {@code cause}, {@code stackTrace} and its own
 * fields) the way Courier's serializers rebuild their own: through the class's constructors, never by
 * writing {@link Throwable}'s private fields, and only for a class the reader's allow-list admits.
 */
public final class ForeignExceptions {

    private ForeignExceptions() {}

    /**
     * The exception of class {@code className}, as its own class where {@code policy} allows it and
     * one of its constructors takes the message (alone, with a cause, none, or first of others, whose
     * fields the {@code fields} then fill), else a {@link RemoteException} naming the class. A field's
     * value of the wrong type is dropped, never forced in.
     *
     * @param fields the values of the exception class's own instance fields, by name
     */
    public static Throwable rebuild(
            String className,
            String message,
            Throwable cause,
            StackTraceElement[] stack,
            Map<String, Object> fields,
            DeserializationPolicy policy) {
        return Throwables.rebuild(className, message, cause, stack, fields, policy);
    }
}

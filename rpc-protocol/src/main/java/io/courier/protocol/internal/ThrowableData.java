package io.courier.protocol.internal;

import io.courier.api.Internal;
import java.util.Map;

/**
 * An exception as plain data, the form in which both built-in serializers carry exceptions: Java
 * 17 no longer lets a library set {@link Throwable}'s private fields, so the exception is taken
 * apart through its public API and rebuilt through its constructors by {@link Throwables}.
 *
 * <p>Fields are package-visible for the serializers' reflection; nothing else touches them.
 */
@Internal
public final class ThrowableData {

    String className;
    String message;
    String[] stackClasses;
    String[] stackMethods;
    String[] stackFiles;
    int[] stackLines;
    ThrowableData cause;
    /** The values of the instance fields the application's exception class declares, by name. */
    Map<String, Object> fields;

    public ThrowableData() {}

    public String className() {
        return className;
    }
}

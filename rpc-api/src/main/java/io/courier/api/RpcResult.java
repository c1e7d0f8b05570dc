package io.courier.api;

import java.util.Map;
import java.util.Objects;

/**
 * What a call produced: a value, or the exception the provider's implementation threw (a business
 * exception). Framework failures are never a result: they complete the invoker's future
 * exceptionally with an {@link RpcException}. Immutable.
 */
public final class RpcResult {

    private static final RpcResult NULL = new RpcResult(null, null, Map.of());
    // Results are immutable: the two booleans, like null, are shared rather than built per call.
    private static final RpcResult TRUE = new RpcResult(Boolean.TRUE, null, Map.of());
    private static final RpcResult FALSE = new RpcResult(Boolean.FALSE, null, Map.of());

    private final Object value;
    private final Throwable exception;
    private final Map<String, String> attachments;

    private RpcResult(Object value, Throwable exception, Map<String, String> attachments) {
        this.value = value;
        this.exception = exception;
        this.attachments = attachments;
    }

    /** A normal return of {@code value} (may be {@code null}). */
    public static RpcResult of(Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof Boolean bool) {
            return bool ? TRUE : FALSE;
        }
        return new RpcResult(value, null, Map.of());
    }

    /** A normal return with response attachments. */
    public static RpcResult of(Object value, Map<String, String> attachments) {
        return new RpcResult(value, null, Map.copyOf(attachments));
    }

    /** The implementation threw {@code exception}. */
    public static RpcResult ofException(Throwable exception) {
        return new RpcResult(null, Objects.requireNonNull(exception, "exception"), Map.of());
    }

    /** The implementation threw {@code exception}, with response attachments. */
    public static RpcResult ofException(Throwable exception, Map<String, String> attachments) {
        return new RpcResult(null, Objects.requireNonNull(exception, "exception"), Map.copyOf(attachments));
    }

    /** The returned value; {@code null} when the method returned null, is void, or threw. */
    public Object value() {
        return value;
    }

    /** The business exception, or {@code null}. */
    public Throwable exception() {
        return exception;
    }

    public boolean hasException() {
        return exception != null;
    }

    /** Attachments the provider sent back, unmodifiable. */
    public Map<String, String> attachments() {
        return attachments;
    }

    /** The value, or the business exception thrown as it is. */
    public Object recreate() throws Throwable {
        if (exception != null) {
            throw exception;
        }
        return value;
    }

    @Override
    public String toString() {
        return exception != null ? "RpcResult(exception " + exception.getClass().getName() + ")" : "RpcResult(value)";
    }
}

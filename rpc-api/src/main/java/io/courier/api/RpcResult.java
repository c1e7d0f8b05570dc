package io.courier.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a call produced: a value, or the exception the provider's implementation threw (a business
 * exception). Framework failures are never a result: they complete the invoker's future
 * exceptionally with an {@link RpcException}. Immutable.
 */
public final class RpcResult {

    private static final RpcResult NULL = new RpcResult(null, null, Map.of(), Map.of());
    // Results are immutable: the two booleans, like null, are shared rather than built per call.
    private static final RpcResult TRUE = new RpcResult(Boolean.TRUE, null, Map.of(), Map.of());
    private static final RpcResult FALSE = new RpcResult(Boolean.FALSE, null, Map.of(), Map.of());

    private final Object value;
    private final Throwable exception;
    private final Map<String, String> attachments;
    /** The part of {@link #attachments} known before the answer; a subset of it. */
    private final Map<String, String> leading;

    private RpcResult(Object value, Throwable exception, Map<String, String> attachments, Map<String, String> leading) {
        this.value = value;
        this.exception = exception;
        this.attachments = attachments;
        this.leading = leading;
    }

    /** A normal return of {@code value} (may be {@code null}). */
    public static RpcResult of(Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof Boolean bool) {
            return bool ? TRUE : FALSE;
        }
        return new RpcResult(value, null, Map.of(), Map.of());
    }

    /** A normal return with response attachments. */
    public static RpcResult of(Object value, Map<String, String> attachments) {
        return new RpcResult(value, null, Map.copyOf(attachments), Map.of());
    }

    /** The implementation threw {@code exception}. */
    public static RpcResult ofException(Throwable exception) {
        return new RpcResult(null, Objects.requireNonNull(exception, "exception"), Map.of(), Map.of());
    }

    /** The implementation threw {@code exception}, with response attachments. */
    public static RpcResult ofException(Throwable exception, Map<String, String> attachments) {
        return new RpcResult(null, Objects.requireNonNull(exception, "exception"), Map.copyOf(attachments), Map.of());
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

    /** Attachments the provider sent back, unmodifiable: {@link #leadingAttachments()} included. */
    public Map<String, String> attachments() {
        return attachments;
    }

    /**
     * The part of {@link #attachments()} the provider's code set while serving, before its answer
     * ({@link RpcContext#setResponseAttachment}); empty when none. A protocol that can send metadata
     * ahead of the answer (gRPC's response headers) sends these there and the others after the
     * answer (gRPC's trailers); Courier's protocol sends them all with the answer.
     */
    public Map<String, String> leadingAttachments() {
        return leading;
    }

    /**
     * This result with {@code leading} added as its {@linkplain #leadingAttachments() leading
     * attachments}, for the provider's dispatch path. A key this result already has keeps this
     * result's value and is not leading: what a filter put on the result was decided last.
     */
    public RpcResult withLeadingAttachments(Map<String, String> leading) {
        if (leading.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new HashMap<>(leading);
        merged.putAll(attachments);
        Map<String, String> early = new HashMap<>(leading);
        early.keySet().removeAll(attachments.keySet());
        return new RpcResult(value, exception, Map.copyOf(merged), Map.copyOf(early));
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

package io.courier.api;

import io.courier.api.internal.ServedAttachments;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One call: the service, the method, the arguments and the attachments (string metadata such as
 * the trace context, the deadline, an auth token or a routing tag).
 *
 * <p>Immutable: the argument array is copied on creation, and the {@code with*} methods return a
 * new invocation (or this one, when they change nothing). An argument object itself is not copied; neither side may change it while the
 * call is in flight.
 *
 * <p>A call may carry a {@linkplain #deadlineNanos() deadline}: the {@link System#nanoTime()} by
 * which its caller needs the answer, set by the consumer's deadline filter. It is local to this
 * process (the wire carries the budget left as the {@code courier.deadline-ms} attachment, as
 * before); the transport waits for an attempt's answer no longer than the time left, and the
 * cluster does not retry once it has passed.
 */
public final class Invocation {

    private static final Object[] NO_ARGUMENTS = {};

    private final ServiceKey serviceKey;
    private final MethodDescriptor method;
    private final Object[] arguments;
    private final Map<String, String> attachments;
    private final boolean hasDeadline;
    private final long deadlineNanos;

    private Invocation(
            ServiceKey serviceKey,
            MethodDescriptor method,
            Object[] arguments,
            Map<String, String> attachments,
            boolean hasDeadline,
            long deadlineNanos) {
        this.serviceKey = serviceKey;
        this.method = method;
        this.arguments = arguments;
        this.attachments = attachments;
        this.hasDeadline = hasDeadline;
        this.deadlineNanos = deadlineNanos;
    }

    private Invocation withAttachmentMap(Map<String, String> map) {
        return new Invocation(serviceKey, method, arguments, map, hasDeadline, deadlineNanos);
    }

    /**
     * A call of {@code method} with {@code arguments} (copied; {@code null} for none) and no
     * attachments.
     *
     * @throws IllegalArgumentException if the argument count does not match the method
     */
    public static Invocation of(ServiceKey serviceKey, MethodDescriptor method, Object[] arguments) {
        return of(serviceKey, method, arguments, Map.of());
    }

    /** As {@link #of(ServiceKey, MethodDescriptor, Object[])}, with attachments (copied). */
    public static Invocation of(
            ServiceKey serviceKey, MethodDescriptor method, Object[] arguments, Map<String, String> attachments) {
        Object[] copy = arguments == null || arguments.length == 0 ? NO_ARGUMENTS : arguments.clone();
        return new Invocation(serviceKey, checked(serviceKey, method, copy), copy, immutable(attachments), false, 0L);
    }

    /**
     * As {@link #of(ServiceKey, MethodDescriptor, Object[], Map)}, but takes {@code arguments}
     * without copying it: for a caller that built the array for this one call and never touches it
     * again (a generated proxy, the decoder of a request). Saves a copy per call on both sides.
     *
     * @throws IllegalArgumentException if the argument count does not match the method
     */
    public static Invocation ofOwned(
            ServiceKey serviceKey, MethodDescriptor method, Object[] arguments, Map<String, String> attachments) {
        Object[] owned = arguments == null ? NO_ARGUMENTS : arguments;
        return new Invocation(serviceKey, checked(serviceKey, method, owned), owned, immutable(attachments), false, 0L);
    }

    /**
     * As {@link #ofOwned(ServiceKey, MethodDescriptor, Object[], Map)}, with the {@linkplain
     * #deadlineNanos() deadline} {@code deadlineNanos} (a served request's, known when it is
     * decoded): one object where {@code withDeadlineNanos} would make a second.
     */
    public static Invocation ofOwned(
            ServiceKey serviceKey,
            MethodDescriptor method,
            Object[] arguments,
            Map<String, String> attachments,
            long deadlineNanos) {
        Object[] owned = arguments == null ? NO_ARGUMENTS : arguments;
        return new Invocation(
                serviceKey, checked(serviceKey, method, owned), owned, immutable(attachments), true, deadlineNanos);
    }

    /** {@code method}, once the key is there and {@code arguments} fit it. */
    private static MethodDescriptor checked(ServiceKey serviceKey, MethodDescriptor method, Object[] arguments) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        Objects.requireNonNull(method, "method");
        if (arguments.length != method.parameterCount()) {
            throw new IllegalArgumentException("arguments: " + arguments.length + " (expected: "
                    + method.parameterCount() + " for " + method.descriptor() + ")");
        }
        return method;
    }

    /** {@code attachments} unmodifiable: a served request's are already (see ServedAttachments). */
    private static Map<String, String> immutable(Map<String, String> attachments) {
        if (attachments.isEmpty()) {
            return Map.of();
        }
        return ServedAttachments.isServed(attachments) ? attachments : Map.copyOf(attachments);
    }

    public ServiceKey serviceKey() {
        return serviceKey;
    }

    public MethodDescriptor method() {
        return method;
    }

    public int argumentCount() {
        return arguments.length;
    }

    /** Argument {@code i}; may be {@code null}. */
    public Object argument(int i) {
        return arguments[i];
    }

    /** A copy of the arguments. */
    public Object[] arguments() {
        return arguments.clone();
    }

    /** The attachments, unmodifiable. */
    public Map<String, String> attachments() {
        return attachments;
    }

    /** The attachment {@code key}, or {@code null}. */
    public String attachment(String key) {
        return attachments.get(key);
    }

    /** This call with {@code key} set to {@code value} ({@code null} removes it). */
    public Invocation withAttachment(String key, String value) {
        Objects.requireNonNull(key, "key");
        // Filters add one attachment to almost every call (the deadline's budget), usually to a
        // call with none: skip the intermediate map on that path.
        if (attachments.isEmpty()) {
            return value == null ? this : withAttachmentMap(Map.of(key, value));
        }
        if (value == null ? !attachments.containsKey(key) : value.equals(attachments.get(key))) {
            return this;
        }
        Map<String, String> copy = new HashMap<>(attachments.size() * 2 + 2);
        copy.putAll(attachments);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return withAttachmentMap(Map.copyOf(copy));
    }

    /** This call with every entry of {@code more} added, replacing existing keys. */
    public Invocation withAttachments(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        if (attachments.isEmpty()) {
            // Map.copyOf keeps an unmodifiable map of its own as it is: a filter that adds the same
            // entries to every call with none can hand over one map it made once.
            return withAttachmentMap(Map.copyOf(more));
        }
        Map<String, String> copy = new HashMap<>((attachments.size() + more.size()) * 2);
        copy.putAll(attachments);
        copy.putAll(more);
        return withAttachmentMap(Map.copyOf(copy));
    }

    /** Whether the call has a {@linkplain #deadlineNanos() deadline}. */
    public boolean hasDeadline() {
        return hasDeadline;
    }

    /**
     * The {@link System#nanoTime()} by which the caller needs the answer; compare with {@code
     * deadline - System.nanoTime()}, never with {@code <}, since nano times may overflow.
     *
     * @throws IllegalStateException if the call has no deadline ({@link #hasDeadline()})
     */
    public long deadlineNanos() {
        if (!hasDeadline) {
            throw new IllegalStateException("deadline: none set on " + this + " (expected: hasDeadline() first)");
        }
        return deadlineNanos;
    }

    /**
     * The time left at {@code nowNanos} (a {@link System#nanoTime()} value) before the deadline, in
     * nanoseconds: negative once it has passed, {@link Long#MAX_VALUE} for a call without one.
     */
    public long remainingNanos(long nowNanos) {
        return hasDeadline ? deadlineNanos - nowNanos : Long.MAX_VALUE;
    }

    /**
     * This call with the deadline {@code deadlineNanos}, a {@link System#nanoTime()} value; replaces
     * any deadline it had (the caller takes the earlier one itself when it must not extend it).
     */
    public Invocation withDeadlineNanos(long deadlineNanos) {
        if (hasDeadline && this.deadlineNanos == deadlineNanos) {
            return this;
        }
        return new Invocation(serviceKey, method, arguments, attachments, true, deadlineNanos);
    }

    /** Service and method only: arguments are caller data and never printed. */
    @Override
    public String toString() {
        return serviceKey + "#" + method.descriptor();
    }
}

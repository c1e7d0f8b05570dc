package io.courier.api;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Everything the call path needs to know about one service method, computed once when a service
 * is exported or referenced so that no call reflects on the interface.
 *
 * <p>The {@link #descriptor()} ({@code name(type,type)} with Java type names, e.g.
 * {@code getUser(long)}) identifies the method on the wire; the {@link #index()} is its position in
 * {@link ServiceDescriptor#methods()}, which is the same on both sides for the same interface.
 * Immutable and thread-safe.
 */
public final class MethodDescriptor {

    private final int index;
    private final Method method;
    private final String name;
    private final String descriptor;
    private final List<Class<?>> parameterTypes;
    private final Type[] genericParameterTypes;
    private final Type resultType;
    private final boolean async;
    private final boolean serverStream;
    private final int streamParameter;
    private final boolean oneway;
    private final boolean idempotent;

    MethodDescriptor(int index, Method method, boolean oneway, boolean idempotent) {
        this.index = index;
        this.method = method;
        this.name = method.getName();
        this.descriptor = descriptorOf(method);
        this.parameterTypes = List.of(method.getParameterTypes());
        this.genericParameterTypes = method.getGenericParameterTypes();
        this.async = method.getReturnType() == CompletableFuture.class;
        this.serverStream = method.getReturnType() == Flow.Publisher.class;
        this.resultType = async || serverStream ? typeArgument(method) : method.getGenericReturnType();
        this.oneway = oneway;
        this.idempotent = idempotent;
        if (oneway && method.getReturnType() != void.class) {
            throw new IllegalArgumentException("oneway method " + method + " must return void");
        }
        this.streamParameter = streamParameterOf(method);
        if (streamParameter >= 0 && !async && !serverStream) {
            throw new IllegalArgumentException("method " + method + " takes a Flow.Publisher (expected: it returns"
                    + " CompletableFuture, a client stream, or Flow.Publisher, a bidirectional stream)");
        }
    }

    private MethodDescriptor(
            int index, String name, String descriptor, int parameterCount, Type valueType, Flags flags) {
        this.index = index;
        this.method = null;
        this.name = name;
        this.descriptor = descriptor;
        Class<?> raw = valueType instanceof Class<?> cls ? cls : Object.class;
        Type[] types = new Type[parameterCount];
        Arrays.fill(types, valueType);
        this.genericParameterTypes = types;
        this.parameterTypes = Collections.nCopies(parameterCount, raw);
        this.async = flags.async();
        this.serverStream = flags.serverStream();
        this.streamParameter = flags.streamParameter();
        this.resultType = flags.oneway() ? void.class : valueType;
        this.oneway = flags.oneway();
        this.idempotent = flags.idempotent();
    }

    /**
     * What a generic caller knows of a method it has no class for (from the service's published
     * metadata): every parameter and the result are of {@code valueType}, a type the caller's
     * serializer writes and reads as is (for JSON, a parsed JSON value). Such a descriptor has no
     * {@link #method()}.
     *
     * @param index the position in the generic {@link ServiceDescriptor}
     * @param descriptor the wire identity, {@code name(type,type)} as the provider computes it
     * @throws IllegalArgumentException if {@code descriptor} does not start with {@code name(} and
     *     end with {@code )}, or {@code parameterCount} is negative
     */
    public static MethodDescriptor generic(
            int index, String descriptor, int parameterCount, Type valueType, Flags flags) {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(flags, "flags");
        int open = descriptor.indexOf('(');
        if (open <= 0 || !descriptor.endsWith(")")) {
            throw new IllegalArgumentException("descriptor: '" + descriptor + "' (expected: name(type,type))");
        }
        if (parameterCount < 0) {
            throw new IllegalArgumentException("parameterCount: " + parameterCount + " (expected: >= 0)");
        }
        if (flags.streamParameter() >= parameterCount) {
            throw new IllegalArgumentException("flags.streamParameter: " + flags.streamParameter()
                    + " (expected: -1 or below parameterCount " + parameterCount + ")");
        }
        return new MethodDescriptor(index, descriptor.substring(0, open), descriptor, parameterCount, valueType, flags);
    }

    /**
     * The call-path flags of a {@link #generic} method.
     *
     * @param async whether the provider's method returns {@code CompletableFuture}
     * @param oneway whether the call is sent without waiting for an answer
     * @param idempotent whether the method is safe to retry
     * @param serverStream whether the method is a server or bidirectional stream: the call's result is
     *     a {@code Flow.Publisher} of the provider's messages
     * @param streamParameter the position of the consumer's messages ({@code Flow.Publisher}) of a
     *     client or bidirectional stream, -1 for none
     */
    public record Flags(boolean async, boolean oneway, boolean idempotent, boolean serverStream, int streamParameter) {

        /**
         * @throws IllegalArgumentException if {@code streamParameter} is below -1, or a stream is
         *     oneway
         */
        public Flags {
            if (streamParameter < -1) {
                throw new IllegalArgumentException("streamParameter: " + streamParameter + " (expected: >= -1)");
            }
            if (oneway && (serverStream || streamParameter >= 0)) {
                throw new IllegalArgumentException("a stream cannot be oneway (expected: oneway false)");
            }
        }

        /** The flags of a plain (not stream) method. */
        public Flags(boolean async, boolean oneway, boolean idempotent) {
            this(async, oneway, idempotent, false, -1);
        }
    }

    /** {@code name(type,type)} with each parameter's {@link Class#getName()}. */
    public static String descriptorOf(Method method) {
        StringBuilder text = new StringBuilder(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(types[i].getName());
        }
        return text.append(')').toString();
    }

    /** The position in {@link ServiceDescriptor#methods()}. */
    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    /** The wire identity, e.g. {@code getUser(long)}. */
    public String descriptor() {
        return descriptor;
    }

    /**
     * The reflective method, for code generation and fallbacks; never invoked on the call path.
     * {@code null} for a {@link #generic} descriptor.
     */
    public Method method() {
        return method;
    }

    public List<Class<?>> parameterTypes() {
        return parameterTypes;
    }

    public int parameterCount() {
        return genericParameterTypes.length;
    }

    /** The declared generic type of parameter {@code i}, what serializers read arguments as. */
    public Type genericParameterType(int i) {
        return genericParameterTypes[i];
    }

    /**
     * The type of the value a call produces: the return type, or {@code T} for a method returning
     * {@code CompletableFuture<T>} or {@code Flow.Publisher<T>} (the type of each message);
     * {@code void.class} for none.
     */
    public Type resultType() {
        return resultType;
    }

    /** Whether the method returns {@code CompletableFuture} and so never blocks its caller. */
    public boolean async() {
        return async;
    }

    /**
     * Whether the method returns {@code Flow.Publisher<T>}: a server stream, whose {@link
     * #resultType()} is {@code T}, the type of each message (see {@code docs/streaming.md}).
     */
    public boolean serverStream() {
        return serverStream;
    }

    /**
     * The position of the method's {@code Flow.Publisher<T>} parameter, the consumer's messages of a
     * client stream (the method returns {@code CompletableFuture}) or of a bidirectional stream (it
     * returns {@code Flow.Publisher}); -1 for none. Its {@link #genericParameterType} is the
     * publisher's type, {@link #streamMessageType()} its messages'.
     */
    public int streamParameter() {
        return streamParameter;
    }

    /** {@code T} of the {@code Flow.Publisher<T>} parameter; {@code null} without one. */
    public Type streamMessageType() {
        if (streamParameter < 0) {
            return null;
        }
        if (genericParameterTypes[streamParameter] instanceof ParameterizedType parameterized) {
            return parameterized.getActualTypeArguments()[0];
        }
        // a generic descriptor's messages are of its value type, like its other parameters
        return method == null ? genericParameterTypes[streamParameter] : Object.class;
    }

    /** Whether a call opens a stream: server, client or bidirectional (see {@code docs/streaming.md}). */
    public boolean stream() {
        return serverStream || streamParameter >= 0;
    }

    /** Whether the call is sent without waiting for an answer. */
    public boolean oneway() {
        return oneway;
    }

    /** Whether the method is safe to retry after an error that may have executed it. */
    public boolean idempotent() {
        return idempotent;
    }

    private static int streamParameterOf(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        int found = -1;
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] == Flow.Publisher.class) {
                if (found >= 0) {
                    throw new IllegalArgumentException(
                            "method " + method + " takes two Flow.Publisher parameters (expected: at most one)");
                }
                found = i;
            }
        }
        return found;
    }

    private static Type typeArgument(Method method) {
        Type type = method.getGenericReturnType();
        if (type instanceof ParameterizedType parameterized) {
            return parameterized.getActualTypeArguments()[0];
        }
        return Object.class;
    }

    @Override
    public String toString() {
        return descriptor;
    }
}

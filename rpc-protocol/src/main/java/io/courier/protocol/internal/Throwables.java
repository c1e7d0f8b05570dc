package io.courier.protocol.internal;

import io.courier.api.ErrorCode;
import io.courier.api.Internal;
import io.courier.api.RemoteException;
import io.courier.api.RpcException;
import io.courier.api.serialization.DeserializationPolicy;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes exceptions apart into {@link ThrowableData} and builds them back. Rebuilding asks the
 * policy about every class name before loading it; a class that is refused, missing, not a
 * throwable or not constructible becomes a {@link RemoteException} carrying its name, message and
 * stack, so the cause chain survives.
 */
@Internal
public final class Throwables {

    /** Longest cause chain carried; deeper causes are dropped, cycles are cut. */
    static final int MAX_CHAIN = 32;

    private static final ClassValue<ExceptionPlan> PLANS = new ClassValue<>() {
        @Override
        protected ExceptionPlan computeValue(Class<?> type) {
            return ExceptionPlan.of(type);
        }
    };

    private Throwables() {}

    /** The data of {@code exception} and its causes. */
    public static ThrowableData toData(Throwable exception) {
        return toData(exception, new IdentityHashMap<>(), 0);
    }

    private static ThrowableData toData(Throwable exception, Map<Throwable, Boolean> seen, int depth) {
        seen.put(exception, Boolean.TRUE);
        ThrowableData data = new ThrowableData();
        data.className = exception.getClass().getName();
        data.message = exception.getMessage();
        StackTraceElement[] stack = exception.getStackTrace();
        data.stackClasses = new String[stack.length];
        data.stackMethods = new String[stack.length];
        data.stackFiles = new String[stack.length];
        data.stackLines = new int[stack.length];
        for (int i = 0; i < stack.length; i++) {
            data.stackClasses[i] = stack[i].getClassName();
            data.stackMethods[i] = stack[i].getMethodName();
            data.stackFiles[i] = stack[i].getFileName();
            data.stackLines[i] = stack[i].getLineNumber();
        }
        Throwable cause = exception.getCause();
        if (cause != null && depth + 1 < MAX_CHAIN && !seen.containsKey(cause)) {
            data.cause = toData(cause, seen, depth + 1);
        }
        Map<String, Object> fields = PLANS.get(exception.getClass()).read(exception);
        data.fields = fields.isEmpty() ? null : fields;
        return data;
    }

    /** The exception {@code data} describes, as its own class where {@code policy} allows. */
    public static Throwable fromData(ThrowableData data, DeserializationPolicy policy) {
        return fromData(data, policy, 0);
    }

    private static Throwable fromData(ThrowableData data, DeserializationPolicy policy, int depth) {
        if (data.className == null) {
            throw new RpcException(ErrorCode.SERIALIZATION, "exception data without a class name");
        }
        Throwable cause = data.cause == null || depth + 1 >= MAX_CHAIN ? null : fromData(data.cause, policy, depth + 1);
        return rebuild(data.className, data.message, cause, stack(data), data.fields, policy);
    }

    /**
     * The exception of class {@code className} with {@code message}, {@code cause}, {@code stack} and
     * the values of its own instance fields ({@code fields}, by name; a value of the wrong type is
     * dropped), as its own class where {@code policy} allows it and it can be constructed, else a
     * {@link RemoteException} naming the class. For exceptions that arrive from another framework's
     * serialization as well as from Courier's.
     */
    public static Throwable rebuild(
            String className,
            String message,
            Throwable cause,
            StackTraceElement[] stack,
            Map<String, Object> fields,
            DeserializationPolicy policy) {
        Throwable rebuilt = build(className, message, cause, fields, policy);
        if (rebuilt == null) {
            RemoteException remote = new RemoteException(Names.printable(className), message, stack);
            if (cause != null) {
                remote.initCause(cause);
            }
            return remote;
        }
        rebuilt.setStackTrace(stack);
        return rebuilt;
    }

    private static Throwable build(
            String className,
            String message,
            Throwable cause,
            Map<String, Object> fields,
            DeserializationPolicy policy) {
        try {
            policy.checkClass(className);
        } catch (RpcException refused) {
            return null;
        }
        Class<?> type;
        try {
            type = Class.forName(className, false, loader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        if (!Throwable.class.isAssignableFrom(type)) {
            return null;
        }
        return PLANS.get(type).build(message, cause, fields);
    }

    private static StackTraceElement[] stack(ThrowableData data) {
        String[] classes = data.stackClasses;
        if (classes == null) {
            return new StackTraceElement[0];
        }
        int length = classes.length;
        if (data.stackMethods == null
                || data.stackMethods.length != length
                || data.stackLines == null
                || data.stackLines.length != length
                || (data.stackFiles != null && data.stackFiles.length != length)) {
            throw new RpcException(ErrorCode.SERIALIZATION, "exception stack arrays of different lengths");
        }
        StackTraceElement[] stack = new StackTraceElement[length];
        for (int i = 0; i < length; i++) {
            String file = data.stackFiles == null ? null : data.stackFiles[i];
            stack[i] = new StackTraceElement(
                    String.valueOf(classes[i]), String.valueOf(data.stackMethods[i]), file, data.stackLines[i]);
        }
        return stack;
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Throwables.class.getClassLoader();
    }

    /** How to take one exception class apart and build it back, found once per class. */
    /**
     * @param leadingMessage for a class with none of the three usual constructors: the one with the
     *     fewest parameters whose first is the message, the others given placeholders (0, false, null)
     *     that the fields' values then replace, final ones included
     */
    private record ExceptionPlan(
            Constructor<?> messageAndCause,
            Constructor<?> message,
            Constructor<?> none,
            Constructor<?> leadingMessage,
            List<Field> fields) {

        static ExceptionPlan of(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && !isJdk(c); c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && field.trySetAccessible()) {
                        fields.add(field);
                    }
                }
            }
            return new ExceptionPlan(
                    constructor(type, String.class, Throwable.class),
                    constructor(type, String.class),
                    constructor(type),
                    leadingMessage(type),
                    List.copyOf(fields));
        }

        private static Constructor<?> leadingMessage(Class<?> type) {
            Constructor<?> best = null;
            for (Constructor<?> candidate : type.getDeclaredConstructors()) {
                Class<?>[] parameters = candidate.getParameterTypes();
                if (parameters.length > 1
                        && parameters[0] == String.class
                        && (best == null || parameters.length < best.getParameterCount())
                        && candidate.trySetAccessible()) {
                    best = candidate;
                }
            }
            return best;
        }

        private static Object placeholder(Class<?> type) {
            if (!type.isPrimitive()) {
                return null;
            }
            if (type == boolean.class) {
                return false;
            }
            if (type == char.class) {
                return '\0';
            }
            return java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(type, 1), 0);
        }

        Map<String, Object> read(Throwable exception) {
            if (fields.isEmpty()) {
                return Map.of();
            }
            Map<String, Object> values = new HashMap<>();
            for (Field field : fields) {
                try {
                    Object value = field.get(exception);
                    if (value != null) {
                        values.put(field.getName(), value);
                    }
                } catch (IllegalAccessException e) {
                    // trySetAccessible said yes; nothing to carry if it changed its mind
                }
            }
            return values;
        }

        Throwable build(String text, Throwable cause, Map<String, Object> values) {
            Throwable built;
            boolean causeSet = false;
            boolean placeholders = false;
            try {
                if (messageAndCause != null) {
                    built = (Throwable) messageAndCause.newInstance(text, cause);
                    causeSet = true;
                } else if (message != null) {
                    built = (Throwable) message.newInstance(text);
                } else if (none != null) {
                    built = (Throwable) none.newInstance();
                } else if (leadingMessage != null) {
                    Class<?>[] parameters = leadingMessage.getParameterTypes();
                    Object[] arguments = new Object[parameters.length];
                    arguments[0] = text;
                    for (int i = 1; i < parameters.length; i++) {
                        arguments[i] = placeholder(parameters[i]);
                    }
                    built = (Throwable) leadingMessage.newInstance(arguments);
                    placeholders = true;
                } else {
                    return null;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
            if (!causeSet && cause != null && built.getCause() == null) {
                try {
                    built.initCause(cause);
                } catch (IllegalStateException e) {
                    // the constructor fixed the cause already
                }
            }
            if (values != null) {
                for (Field field : fields) {
                    Object value = values.get(field.getName());
                    if (value == null
                            || !placeholders
                                    && Modifier.isFinal(field.getModifiers())
                                    && field.getType().isPrimitive()) {
                        continue;
                    }
                    try {
                        field.set(built, value);
                    } catch (IllegalAccessException | IllegalArgumentException e) {
                        // a value of the wrong type is dropped, never forced in
                    }
                }
            }
            return built;
        }

        private static Constructor<?> constructor(Class<?> type, Class<?>... parameters) {
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(parameters);
                return constructor.trySetAccessible() ? constructor : null;
            } catch (NoSuchMethodException e) {
                return null;
            }
        }

        private static boolean isJdk(Class<?> c) {
            String name = c.getName();
            return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.");
        }
    }
}

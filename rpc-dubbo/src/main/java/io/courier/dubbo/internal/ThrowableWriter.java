package io.courier.dubbo.internal;

import com.alibaba.com.caucho.hessian.io.AbstractHessianOutput;
import com.alibaba.com.caucho.hessian.io.AbstractSerializerFactory;
import com.alibaba.com.caucho.hessian.io.Deserializer;
import com.alibaba.com.caucho.hessian.io.Serializer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes an exception as Dubbo's hessian2 writes it, an object of the exception's class with
 * {@code Throwable}'s fields ({@code detailMessage}, {@code cause}, {@code stackTrace}) and those of
 * its own classes, so that a Dubbo consumer rebuilds the very exception the provider threw. Java 17
 * keeps {@code Throwable}'s and {@code StackTraceElement}'s fields closed to reflection, so they are
 * written here from their getters; fields of the application's exception classes are read
 * reflectively, and one that cannot be is left out (the consumer sees its default).
 */
final class ThrowableWriter extends AbstractSerializerFactory implements Serializer {

    static final ThrowableWriter INSTANCE = new ThrowableWriter();

    private static final String STACK_TRACE_ELEMENT = "java.lang.StackTraceElement";
    private static final String[] ELEMENT_FIELDS = {"declaringClass", "methodName", "fileName", "lineNumber"};

    private final Map<Class<?>, List<Field>> ownFields = new ConcurrentHashMap<>();

    private ThrowableWriter() {}

    @Override
    public Serializer getSerializer(Class cl) {
        return Throwable.class.isAssignableFrom(cl) ? this : null;
    }

    @Override
    public Deserializer getDeserializer(Class cl) {
        return null;
    }

    @Override
    public void writeObject(Object obj, AbstractHessianOutput out) throws IOException {
        if (out.addRef(obj)) {
            return;
        }
        Throwable exception = (Throwable) obj;
        Class<?> type = exception.getClass();
        List<Field> fields = ownFields.computeIfAbsent(type, ThrowableWriter::ownFields);
        if (out.writeObjectBegin(type.getName()) == -1) {
            out.writeClassFieldLength(3 + fields.size());
            out.writeString("detailMessage");
            out.writeString("cause");
            out.writeString("stackTrace");
            for (Field field : fields) {
                out.writeString(field.getName());
            }
            out.writeObjectBegin(type.getName());
        }
        out.writeString(exception.getMessage());
        Throwable cause = exception.getCause();
        if (cause == null || cause == exception) {
            out.writeNull();
        } else {
            out.writeObject(cause);
        }
        StackTraceElement[] trace = exception.getStackTrace();
        out.writeListBegin(trace.length, "[" + STACK_TRACE_ELEMENT);
        for (StackTraceElement element : trace) {
            writeElement(element, out);
        }
        for (Field field : fields) {
            Object value;
            try {
                value = field.get(exception);
            } catch (IllegalAccessException e) {
                value = null;
            }
            out.writeObject(value);
        }
    }

    private static void writeElement(StackTraceElement element, AbstractHessianOutput out) throws IOException {
        if (out.writeObjectBegin(STACK_TRACE_ELEMENT) == -1) {
            out.writeClassFieldLength(ELEMENT_FIELDS.length);
            for (String name : ELEMENT_FIELDS) {
                out.writeString(name);
            }
            out.writeObjectBegin(STACK_TRACE_ELEMENT);
        }
        out.writeString(element.getClassName());
        out.writeString(element.getMethodName());
        out.writeString(element.getFileName());
        out.writeInt(element.getLineNumber());
    }

    /** The instance fields of {@code type}'s classes below {@code Throwable} that can be read. */
    private static List<Field> ownFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Throwable.class && c != Exception.class; c = c.getSuperclass()) {
            if (c.getName().startsWith("java.")) {
                continue; // the JDK's exception classes keep their fields closed and carry their state in the message
            }
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers)) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    fields.add(field);
                } catch (RuntimeException closed) {
                    // a module that does not open the class to Courier: the consumer sees the field's default
                }
            }
        }
        return List.copyOf(fields);
    }
}

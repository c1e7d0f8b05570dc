package io.courier.protocol.schema;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A value class as every derived schema reads and builds it (rpc-grpc's messages, rpc-thrift's structs),
 * so that both number the same members in the same order ({@link io.courier.api.schema.FieldNumber}'s
 * position rule): a record's components in declaration order, read by their accessors and built by the
 * canonical constructor; or a class's instance fields, its superclasses' first (static, transient and
 * synthetic fields left out), read and set directly on an instance of its no-argument constructor.
 * Immutable and thread-safe once made.
 */
public final class ValueClass {

    /** One member: its name, its declared type, and where its annotations are. */
    public record Member(String name, Type type, AnnotatedElement annotated) {}

    private final Class<?> type;
    private final List<Member> members;
    private final Constructor<?> constructor;
    private final Method[] accessors;
    private final Field[] fields;

    private ValueClass(
            Class<?> type, List<Member> members, Constructor<?> constructor, Method[] accessors, Field[] fields) {
        this.type = type;
        this.members = List.copyOf(members);
        this.constructor = constructor;
        this.accessors = accessors;
        this.fields = fields;
    }

    /**
     * The members of {@code type}, made accessible.
     *
     * @throws IllegalArgumentException if it is a class without a no-argument constructor, or a class and
     *     its superclass declare fields of one name
     * @throws ReflectiveOperationException if reflection refuses
     */
    public static ValueClass of(Class<?> type) throws ReflectiveOperationException {
        return type.isRecord() ? record(type) : bean(type);
    }

    private static ValueClass record(Class<?> type) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Method[] accessors = new Method[components.length];
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            accessors[i] = components[i].getAccessor();
            accessors[i].setAccessible(true);
            members.add(new Member(components[i].getName(), components[i].getGenericType(), components[i]));
        }
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return new ValueClass(type, members, constructor, accessors, null);
    }

    private static ValueClass bean(Class<?> type) throws ReflectiveOperationException {
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName()
                    + " has no constructor without arguments (expected: a record, or a class with such a constructor)");
        }
        constructor.setAccessible(true);
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        List<Field> fields = new ArrayList<>();
        List<Member> members = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Class<?> c : chain) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()) {
                    continue;
                }
                if (!seen.add(field.getName())) {
                    throw new IllegalArgumentException(type.getName() + "." + field.getName()
                            + ": declared by a class and its superclass (expected: one field of each name)");
                }
                field.setAccessible(true);
                fields.add(field);
                members.add(new Member(field.getName(), field.getGenericType(), field));
            }
        }
        return new ValueClass(type, members, constructor, null, fields.toArray(new Field[0]));
    }

    /** The members, in the order of {@link #values} and {@link #create}. */
    public List<Member> members() {
        return members;
    }

    /** The values of {@code instance}'s members, in their order. */
    public Object[] values(Object instance) throws ReflectiveOperationException {
        int count = members.size();
        Object[] values = new Object[count];
        for (int i = 0; i < count; i++) {
            values[i] = accessors != null ? accessors[i].invoke(instance) : fields[i].get(instance);
        }
        return values;
    }

    /**
     * The instance of {@code values}, in the members' order; a class's {@code null} values leave its fields
     * as its constructor set them.
     *
     * @throws IllegalArgumentException if the record's constructor refuses the values (the message says why)
     */
    public Object create(Object[] values) throws ReflectiveOperationException {
        if (accessors != null) {
            return construct(values);
        }
        Object instance = construct(new Object[0]);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                fields[i].set(instance, values[i]);
            }
        }
        return instance;
    }

    private Object construct(Object[] arguments) throws ReflectiveOperationException {
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(
                    type.getName() + " refused the values read: " + e.getCause(), e.getCause());
        }
    }
}

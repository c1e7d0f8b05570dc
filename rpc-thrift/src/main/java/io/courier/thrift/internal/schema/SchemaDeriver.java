package io.courier.thrift.internal.schema;

import io.courier.api.schema.FieldNumber;
import io.courier.protocol.schema.ValueClass;
import io.courier.thrift.internal.schema.StructShape.Form;
import io.courier.thrift.internal.schema.ThriftType.EnumOf;
import io.courier.thrift.internal.schema.ThriftType.Kind;
import io.courier.thrift.internal.schema.ThriftType.ListOf;
import io.courier.thrift.internal.schema.ThriftType.MapOf;
import io.courier.thrift.internal.schema.ThriftType.Scalar;
import io.courier.thrift.internal.schema.ThriftType.StructOf;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Derives the structs and enums of a Thrift schema from Java types, by the rules of {@link FieldNumber}
 * that the protobuf schema follows too: a record's components and a class's instance fields (its
 * superclass's first) in declaration order, numbered from 1 unless annotated; an enum's constants by ordinal
 * + 1 unless annotated. Nested classes are named by their enclosing classes ({@code Order.Line} is {@code
 * Order_Line}). Generic value classes have no Thrift form (Thrift has no generics). Collects what it
 * derives, in the order the IDL must declare it (what a struct uses comes before it); one instance per
 * schema, not thread-safe.
 */
final class SchemaDeriver {

    /** Thrift's field ids are {@code i16}; 0 is the result's own id, negatives are the protocol's. */
    static final int MAX_FIELD_ID = Short.MAX_VALUE;

    private final Map<Class<?>, StructShape> structs = new LinkedHashMap<>();
    private final Map<Class<?>, EnumShape> enums = new LinkedHashMap<>();
    /** Every struct and enum in declaration order: a type after every type it uses. */
    private final List<Object> declarations = new ArrayList<>();

    private final Map<String, String> names = new HashMap<>();

    List<Object> declarations() {
        return List.copyOf(declarations);
    }

    /** Claims {@code name} for {@code owner}, or refuses when another type has it. */
    void claim(String name, String owner) {
        String previous = names.putIfAbsent(name, owner);
        if (previous != null && !previous.equals(owner)) {
            throw new SchemaException("the Thrift name " + name + " would describe both " + previous + " and " + owner
                    + " (expected: types whose simple names differ within one service)");
        }
    }

    /** The arguments of a function: one field per parameter, numbered by position unless annotated. */
    StructShape arguments(String where, Type[] types, String[] names, AnnotatedElement[] annotated) {
        StructShape shape = new StructShape(where, null, Form.ARGUMENTS);
        List<FieldShape> fields = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            String field = where + "." + names[i];
            fields.add(field(field, names[i], id(annotated[i], i + 1, field), types[i]));
        }
        checkIds(where, fields);
        shape.arguments(fields);
        return shape;
    }

    /** The form of values declared as {@code type}, as {@code where} names the place. */
    ThriftType type(Type type, String where) {
        if (type instanceof ParameterizedType parameterized) {
            return parameterized(parameterized, where);
        }
        if (!(type instanceof Class<?> cls)) {
            throw new SchemaException(
                    where + ": " + type.getTypeName() + " (expected: a type without type variables or wildcards)");
        }
        Kind kind = Kind.of(cls);
        if (kind != null) {
            return new Scalar(kind);
        }
        if (cls.isArray()) {
            return new ListOf(type(cls.getComponentType(), where + "[]"), false, cls, null);
        }
        if (cls.isEnum()) {
            return new EnumOf(enumShape(cls));
        }
        if (Collection.class.isAssignableFrom(cls) || Map.class.isAssignableFrom(cls)) {
            throw new SchemaException(where + ": " + cls.getName()
                    + " without type arguments (expected: its element types declared, as List<User>)");
        }
        return new StructOf(struct(cls, where));
    }

    private ThriftType parameterized(ParameterizedType type, String where) {
        Class<?> raw = (Class<?>) type.getRawType();
        Type[] arguments = type.getActualTypeArguments();
        if (Collection.class.isAssignableFrom(raw)) {
            boolean set = Set.class.isAssignableFrom(raw);
            return new ListOf(type(arguments[0], where + "[]"), set, null, container(raw, where));
        }
        if (Map.class.isAssignableFrom(raw)) {
            return new MapOf(
                    type(arguments[0], where + " key"), type(arguments[1], where + " value"), mapContainer(raw, where));
        }
        throw new SchemaException(where + ": " + type.getTypeName()
                + " (expected: no generic value classes: Thrift has no generics; List, Set and Map are served)");
    }

    private static Supplier<Object> container(Class<?> raw, String where) {
        if (raw.isAssignableFrom(ArrayList.class)) {
            return ArrayList::new;
        }
        if (raw.isAssignableFrom(LinkedHashSet.class)) {
            return LinkedHashSet::new;
        }
        if (raw == SortedSet.class || raw == TreeSet.class || raw == java.util.NavigableSet.class) {
            return TreeSet::new;
        }
        if (raw == HashSet.class) {
            return HashSet::new;
        }
        throw new SchemaException(where + ": " + raw.getName() + " (expected: List, Collection, Set or SortedSet)");
    }

    private static Supplier<Object> mapContainer(Class<?> raw, String where) {
        if (raw.isAssignableFrom(LinkedHashMap.class)) {
            return LinkedHashMap::new;
        }
        if (raw == SortedMap.class || raw == TreeMap.class || raw == java.util.NavigableMap.class) {
            return TreeMap::new;
        }
        throw new SchemaException(where + ": " + raw.getName() + " (expected: Map, SortedMap, HashMap or TreeMap)");
    }

    private EnumShape enumShape(Class<?> cls) {
        EnumShape known = enums.get(cls);
        if (known != null) {
            return known;
        }
        String name = nameOf(cls);
        ReservedWords.check(name, cls.getName());
        claim(name, cls.getName());
        Map<Enum<?>, Integer> numbers = new LinkedHashMap<>();
        Map<Integer, Enum<?>> constants = new HashMap<>();
        for (Object constant : cls.getEnumConstants()) {
            Enum<?> value = (Enum<?>) constant;
            ReservedWords.check(value.name(), cls.getName());
            FieldNumber annotation;
            try {
                annotation = cls.getField(value.name()).getAnnotation(FieldNumber.class);
            } catch (NoSuchFieldException e) {
                throw new SchemaException(cls.getName() + "." + value.name() + ": not a field of " + cls.getName());
            }
            int number = annotation != null ? annotation.value() : value.ordinal() + 1;
            Enum<?> previous = constants.putIfAbsent(number, value);
            if (number <= 0 || previous != null) {
                throw new SchemaException(cls.getName() + "." + value.name() + ": number " + number
                        + " (expected: > 0, and a number of its own)");
            }
            numbers.put(value, number);
        }
        EnumShape shape = new EnumShape(name, cls, Map.copyOf(numbers), Map.copyOf(constants));
        enums.put(cls, shape);
        declarations.add(shape);
        return shape;
    }

    private StructShape struct(Class<?> cls, String where) {
        StructShape known = structs.get(cls);
        if (known != null) {
            return known;
        }
        if (cls == Object.class
                || cls.isInterface()
                || Modifier.isAbstract(cls.getModifiers())
                || cls.isPrimitive()
                || cls.getTypeParameters().length > 0
                || cls.getName().startsWith("java.")
                || cls.getName().startsWith("javax.")) {
            throw new SchemaException(where + ": " + cls.getName()
                    + " has no Thrift form (expected: a record, an enum, a class with fields and no type parameters,"
                    + " a scalar, String, byte[], List, Set or Map)");
        }
        if (cls.isAnonymousClass() || cls.isLocalClass()) {
            throw new SchemaException(where + ": " + cls.getName() + " is a local or anonymous class");
        }
        String name = nameOf(cls);
        ReservedWords.check(name, cls.getName());
        claim(name, cls.getName());
        StructShape shape = new StructShape(name, cls, cls.isRecord() ? Form.RECORD : Form.CLASS);
        structs.put(cls, shape); // before its fields: a recursive type refers to itself
        try {
            members(shape, cls);
        } catch (ReflectiveOperationException | RuntimeException e) {
            structs.remove(cls);
            if (e instanceof SchemaException schema) {
                throw schema;
            }
            throw new SchemaException(where + ": " + cls.getName() + " cannot be read or built by reflection: " + e);
        }
        declarations.add(shape); // after what its fields declared
        return shape;
    }

    /** Completes a record's or class's shape: its members as {@link ValueClass} reads them, numbered. */
    private void members(StructShape shape, Class<?> cls) throws ReflectiveOperationException {
        ValueClass value;
        try {
            value = ValueClass.of(cls);
        } catch (IllegalArgumentException e) {
            throw new SchemaException(e.getMessage());
        }
        List<FieldShape> fields = new ArrayList<>();
        List<ValueClass.Member> members = value.members();
        for (int i = 0; i < members.size(); i++) {
            ValueClass.Member member = members.get(i);
            String where = shape.name() + "." + member.name();
            fields.add(field(where, member.name(), id(member.annotated(), i + 1, where), member.type()));
        }
        checkIds(shape.name(), fields);
        shape.valueClass(fields, value);
    }

    private FieldShape field(String where, String name, short id, Type declared) {
        ReservedWords.check(name, where);
        ThriftType type = type(declared, where);
        return new FieldShape(name, id, type, declared instanceof Class<?> cls && cls.isPrimitive());
    }

    private static short id(AnnotatedElement element, int position, String where) {
        FieldNumber annotation = element == null ? null : element.getAnnotation(FieldNumber.class);
        int id = annotation == null ? position : annotation.value();
        if (id < 1 || id > MAX_FIELD_ID) {
            throw new SchemaException(where + ": field id " + id + " (expected: 1 to " + MAX_FIELD_ID
                    + ", Thrift's field ids being i16)");
        }
        return (short) id;
    }

    private static void checkIds(String struct, List<FieldShape> fields) {
        Map<Short, String> byId = new HashMap<>();
        for (FieldShape field : fields) {
            String previous = byId.putIfAbsent(field.id(), field.name());
            if (previous != null) {
                throw new SchemaException(struct + ": fields " + previous + " and " + field.name() + " both have id "
                        + field.id() + " (expected: an id of their own; a field without @FieldNumber is numbered by"
                        + " its position)");
            }
        }
    }

    /** {@code Order.Line} is {@code Order_Line}: Thrift names have no dots. */
    static String nameOf(Class<?> cls) {
        StringBuilder name = new StringBuilder(cls.getSimpleName());
        for (Class<?> outer = cls.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            name.insert(0, outer.getSimpleName() + "_");
        }
        return name.toString();
    }
}

package io.courier.grpc.internal.schema;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.TimestampProto;
import io.courier.api.schema.FieldNumber;
import io.courier.grpc.internal.schema.MessageShape.Form;
import io.courier.grpc.internal.schema.ProtoType.EnumOf;
import io.courier.grpc.internal.schema.ProtoType.Imported;
import io.courier.grpc.internal.schema.ProtoType.MapOf;
import io.courier.grpc.internal.schema.ProtoType.MessageOf;
import io.courier.grpc.internal.schema.ProtoType.Repeated;
import io.courier.grpc.internal.schema.ProtoType.Scalar;
import io.courier.protocol.schema.ValueClass;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Derives the messages and enums of a schema from Java types, by the rules of {@link FieldNumber}: a
 * record's components and a class's instance fields in declaration order (numbered from 1 unless
 * annotated), generic classes once per set of type arguments ({@code Page<User>} is {@code PageOfUser}),
 * nested classes by their enclosing classes' names ({@code Order.Line} is {@code Order_Line}). Collects
 * what it derives; one instance per schema, not thread-safe.
 */
final class SchemaBuilder {

    /** protobuf's largest field number, and the range it reserves for itself. */
    static final int MAX_FIELD_NUMBER = 536_870_911;

    private static final int RESERVED_FROM = 19_000;
    private static final int RESERVED_TO = 19_999;

    /** The derived messages by the Java type they describe ({@link Type#getTypeName()} once resolved). */
    private final Map<String, MessageShape> messages = new LinkedHashMap<>();

    private final Map<Class<?>, EnumShape> enums = new LinkedHashMap<>();
    /** Which type took each protobuf name, so that two types never share one. */
    private final Map<String, String> names = new HashMap<>();
    /** The files of imported messages ({@code Timestamp}, {@code Duration}, protoc-generated classes). */
    private final Set<com.google.protobuf.Descriptors.FileDescriptor> imports = new LinkedHashSet<>();

    List<MessageShape> messages() {
        return List.copyOf(messages.values());
    }

    List<EnumShape> enums() {
        return List.copyOf(enums.values());
    }

    Set<com.google.protobuf.Descriptors.FileDescriptor> imports() {
        return imports;
    }

    /** Claims {@code name} for the type {@code owner}, or refuses when another type has it. */
    void claim(String name, String owner) {
        String previous = names.putIfAbsent(name, owner);
        if (previous != null && !previous.equals(owner)) {
            throw new SchemaException("the protobuf name " + name + " would describe both " + previous + " and " + owner
                    + " (expected: types whose simple names differ within one service)");
        }
    }

    /** A message of the fields {@code fields} in order (a method's parameters, or one wrapped value). */
    MessageShape positional(String name, Form form, List<Member> fields) {
        claim(name, name);
        MessageShape shape = new MessageShape(name, null, form);
        List<FieldShape> shapes = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Member member = fields.get(i);
            String where = name + "." + member.name();
            shapes.add(field(where, number(member.annotated(), i + 1, where), member));
        }
        checkNumbers(name, shapes);
        shape.positional(shapes);
        messages.put(name, shape);
        return shape;
    }

    /** A field to derive: its name, declared type, type variables' bindings and where its annotation is. */
    record Member(String name, Type type, Map<TypeVariable<?>, Type> bindings, AnnotatedElement annotated) {}

    /** The form of values declared as {@code type}, in a message, as {@code where} names it. */
    ProtoType type(Type type, Map<TypeVariable<?>, Type> bindings, String where) {
        Type resolved = JavaTypes.resolve(type, bindings, where);
        if (resolved instanceof ParameterizedType parameterized) {
            return parameterized(parameterized, where);
        }
        if (resolved instanceof GenericArrayType array) {
            ProtoType element = type(array.getGenericComponentType(), Map.of(), where + "[]");
            return repeated(element, List.class, ArrayList::new, where);
        }
        Class<?> cls = (Class<?>) resolved;
        Scalar scalar = Scalars.of(cls);
        if (scalar != null) {
            return scalar;
        }
        if (cls.isArray()) {
            ProtoType element = type(cls.getComponentType(), Map.of(), where + "[]");
            return repeated(element, cls, null, where);
        }
        if (cls == Instant.class) {
            imports.add(TimestampProto.getDescriptor());
            return new Imported(cls, com.google.protobuf.Timestamp.getDescriptor());
        }
        if (cls == Duration.class) {
            imports.add(DurationProto.getDescriptor());
            return new Imported(cls, com.google.protobuf.Duration.getDescriptor());
        }
        Descriptor generated = GeneratedMessages.descriptor(cls);
        if (generated != null) {
            imports.add(generated.getFile());
            return new Imported(cls, generated);
        }
        if (cls.isEnum()) {
            return new EnumOf(enumShape(cls));
        }
        if (Collection.class.isAssignableFrom(cls) || Map.class.isAssignableFrom(cls) || cls == Optional.class) {
            throw new SchemaException(where + ": " + cls.getName()
                    + " without type arguments (expected: its element types declared, as List<User>)");
        }
        return new MessageOf(message(cls, Map.of(), cls.getName(), where));
    }

    private ProtoType parameterized(ParameterizedType type, String where) {
        Class<?> raw = (Class<?>) type.getRawType();
        Type[] arguments = type.getActualTypeArguments();
        if (Collection.class.isAssignableFrom(raw)) {
            Supplier<Object> container = JavaTypes.collection(raw, where);
            return repeated(type(arguments[0], Map.of(), where + "[]"), raw, container, where);
        }
        if (Map.class.isAssignableFrom(raw)) {
            Supplier<Object> container = JavaTypes.map(raw, where);
            ProtoType key = type(arguments[0], Map.of(), where + " key");
            if (!(key instanceof Scalar scalar) || !scalar.kind().mapKey()) {
                throw new SchemaException(where + ": map key " + arguments[0].getTypeName()
                        + " (expected: String, an integer, a long or a boolean, as protobuf's map keys)");
            }
            ProtoType value = type(arguments[1], Map.of(), where + " value");
            if (value instanceof Repeated || value instanceof MapOf) {
                throw new SchemaException(where + ": a map of " + arguments[1].getTypeName()
                        + " (expected: map values that are not lists or maps: protobuf has no such field)");
            }
            return new MapOf(scalar, value, container);
        }
        if (raw == Optional.class) {
            throw new SchemaException(where + ": " + type.getTypeName()
                    + " inside a list, map or Optional (expected: Optional only as a field's or result's own type)");
        }
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        TypeVariable<?>[] variables = raw.getTypeParameters();
        for (int i = 0; i < variables.length; i++) {
            bindings.put(variables[i], arguments[i]);
        }
        return new MessageOf(message(raw, bindings, type.getTypeName(), where));
    }

    private static ProtoType repeated(ProtoType element, Class<?> javaType, Supplier<Object> container, String where) {
        if (element instanceof Repeated || element instanceof MapOf) {
            throw new SchemaException(where + ": a list of lists or of maps"
                    + " (expected: a list of messages that hold the inner list: protobuf has no such field)");
        }
        return new Repeated(element, javaType, container);
    }

    private EnumShape enumShape(Class<?> cls) {
        EnumShape known = enums.get(cls);
        if (known != null) {
            return known;
        }
        String name = Names.of(cls);
        claim(name, cls.getName());
        Map<Enum<?>, Integer> numbers = new LinkedHashMap<>();
        Map<Integer, Enum<?>> constants = new HashMap<>();
        for (Object constant : cls.getEnumConstants()) {
            Enum<?> value = (Enum<?>) constant;
            Field field;
            try {
                field = cls.getField(value.name());
            } catch (NoSuchFieldException e) {
                throw new SchemaException(cls.getName() + "." + value.name() + ": not a field of " + cls.getName());
            }
            FieldNumber annotation = field.getAnnotation(FieldNumber.class);
            int number = annotation != null ? annotation.value() : value.ordinal() + 1;
            if (number <= 0) {
                throw new SchemaException(cls.getName() + "." + value.name() + ": number " + number
                        + " (expected: > 0; 0 is the unset value, null)");
            }
            Enum<?> previous = constants.putIfAbsent(number, value);
            if (previous != null) {
                throw new SchemaException(cls.getName() + ": " + previous.name() + " and " + value.name()
                        + " both have number " + number + " (expected: a number of their own for each constant)");
            }
            numbers.put(value, number);
        }
        EnumShape shape = new EnumShape(name, cls, Map.copyOf(numbers), Map.copyOf(constants));
        enums.put(cls, shape);
        return shape;
    }

    private MessageShape message(Class<?> cls, Map<TypeVariable<?>, Type> bindings, String key, String where) {
        MessageShape known = messages.get(key);
        if (known != null) {
            return known;
        }
        if (cls == Object.class
                || cls.isInterface()
                || Modifier.isAbstract(cls.getModifiers())
                || cls.isPrimitive()
                || cls.getName().startsWith("java.")
                || cls.getName().startsWith("javax.")) {
            throw new SchemaException(where + ": " + key
                    + " has no protobuf form (expected: a record, an enum, a class with fields, a scalar,"
                    + " List, Set, Map, Optional, byte[] or java.time type)");
        }
        if (cls.isAnonymousClass() || cls.isLocalClass()) {
            throw new SchemaException(where + ": " + key + " is a local or anonymous class (expected: a named class)");
        }
        String name = Names.of(cls, bindings);
        claim(name, key);
        Form form = cls.isRecord() ? Form.RECORD : Form.CLASS;
        MessageShape shape = new MessageShape(name, cls, form);
        messages.put(key, shape); // before its fields: a recursive type refers to itself
        try {
            members(shape, cls, bindings);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (e instanceof SchemaException schema) {
                throw schema;
            }
            throw new SchemaException(where + ": " + key + " cannot be read or built by reflection: " + e);
        }
        return shape;
    }

    /** Completes a record's or class's shape: its members as {@link ValueClass} reads them, numbered. */
    private void members(MessageShape shape, Class<?> cls, Map<TypeVariable<?>, Type> bindings)
            throws ReflectiveOperationException {
        ValueClass value;
        try {
            value = ValueClass.of(cls);
        } catch (IllegalArgumentException e) {
            throw new SchemaException(e.getMessage());
        }
        // a class's fields may be declared by generic superclasses, bound by the class's own declaration
        Map<TypeVariable<?>, Type> inherited = cls.isRecord() ? bindings : JavaTypes.inheritedBindings(cls, bindings);
        List<FieldShape> fields = new ArrayList<>();
        List<ValueClass.Member> members = value.members();
        for (int i = 0; i < members.size(); i++) {
            ValueClass.Member member = members.get(i);
            String where = shape.name() + "." + member.name();
            fields.add(field(
                    where,
                    number(member.annotated(), i + 1, where),
                    new Member(member.name(), member.type(), inherited, member.annotated())));
        }
        checkNumbers(shape.name(), fields);
        shape.valueClass(fields, value);
    }

    private FieldShape field(String where, int number, Member member) {
        Type declared = JavaTypes.resolve(member.type(), member.bindings(), where);
        boolean javaOptional = false;
        if (declared instanceof ParameterizedType parameterized && parameterized.getRawType() == Optional.class) {
            javaOptional = true;
            declared = parameterized.getActualTypeArguments()[0];
        }
        ProtoType type = type(declared, member.bindings(), where);
        if (javaOptional && (type instanceof Repeated || type instanceof MapOf)) {
            throw new SchemaException(where + ": Optional of a list or map"
                    + " (expected: the list or map itself, empty when there is none)");
        }
        boolean primitive = declared instanceof Class<?> cls && cls.isPrimitive();
        boolean presence = type instanceof Scalar && !primitive;
        return new FieldShape(member.name(), number, type, presence, javaOptional, primitive);
    }

    private static int number(AnnotatedElement element, int position, String where) {
        FieldNumber annotation = element == null ? null : element.getAnnotation(FieldNumber.class);
        if (annotation == null) {
            return position;
        }
        int number = annotation.value();
        if (number < 1 || number > MAX_FIELD_NUMBER || number >= RESERVED_FROM && number <= RESERVED_TO) {
            throw new SchemaException(where + ": @FieldNumber(" + number + ") (expected: 1 to " + MAX_FIELD_NUMBER
                    + ", but not " + RESERVED_FROM + " to " + RESERVED_TO + ", which protobuf reserves)");
        }
        return number;
    }

    private static void checkNumbers(String message, List<FieldShape> fields) {
        Map<Integer, String> byNumber = new HashMap<>();
        for (FieldShape field : fields) {
            String previous = byNumber.putIfAbsent(field.number(), field.name());
            if (previous != null) {
                throw new SchemaException(message + ": fields " + previous + " and " + field.name()
                        + " both have number " + field.number()
                        + " (expected: a number of their own; a field without @FieldNumber is numbered by its"
                        + " position)");
            }
        }
    }
}

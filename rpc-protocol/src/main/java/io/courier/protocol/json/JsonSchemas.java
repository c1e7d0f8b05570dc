package io.courier.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * JSON Schemas (2020-12, the dialect of OpenAPI 3.1) of declared Java types, as the {@code json}
 * serializer reads and writes them: objects are their non-static, non-transient fields and admit no
 * other property; {@code java.time} values are ISO-8601 strings; {@code byte[]} is base64. The
 * application's classes become named definitions referenced as {@code #/$defs/<name>}, so that a
 * recursive type is finite. One instance collects the definitions of one service; not thread-safe.
 */
final class JsonSchemas {

    static final String REF_PREFIX = "#/$defs/";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode definitions = NODES.objectNode();

    /** The definitions collected so far, by name. */
    ObjectNode definitions() {
        return definitions;
    }

    /** The schema of values declared as {@code type}. */
    JsonNode schema(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return array(schema(arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return NODES.objectNode().put("type", "object").set("additionalProperties", schema(arguments[1]));
            }
            if (raw == Optional.class) {
                return schema(arguments[0]);
            }
            return schema(raw);
        }
        if (type instanceof GenericArrayType array) {
            return array(schema(array.getGenericComponentType()));
        }
        if (type instanceof Class<?> cls) {
            return classSchema(cls);
        }
        return NODES.objectNode();
    }

    private JsonNode classSchema(Class<?> cls) {
        if (cls == byte[].class) {
            return NODES.objectNode().put("type", "string").put("contentEncoding", "base64");
        }
        if (cls.isArray()) {
            return array(schema(cls.getComponentType()));
        }
        ObjectNode scalar = scalarSchema(cls);
        if (scalar != null) {
            return scalar;
        }
        String format = timeFormat(cls);
        if (format != null) {
            return format.isEmpty() ? typed("string") : typed("string").put("format", format);
        }
        if (cls.isEnum()) {
            ArrayNode values = NODES.arrayNode();
            for (Object constant : cls.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            return typed("string").set("enum", values);
        }
        if (Collection.class.isAssignableFrom(cls)) {
            return array(NODES.objectNode());
        }
        if (Map.class.isAssignableFrom(cls)) {
            return typed("object");
        }
        if (cls == Object.class
                || cls.isInterface()
                || Modifier.isAbstract(cls.getModifiers())
                || cls.getName().startsWith("java.")
                || cls.getName().startsWith("javax.")) {
            return NODES.objectNode();
        }
        return reference(cls);
    }

    /** The schema of a boolean, number, character or string type; {@code null} for any other. */
    private static ObjectNode scalarSchema(Class<?> cls) {
        if (cls == boolean.class || cls == Boolean.class) {
            return typed("boolean");
        }
        if (cls == int.class
                || cls == Integer.class
                || cls == short.class
                || cls == Short.class
                || cls == byte.class
                || cls == Byte.class) {
            return typed("integer").put("format", "int32");
        }
        if (cls == long.class || cls == Long.class) {
            return typed("integer").put("format", "int64");
        }
        if (cls == BigInteger.class) {
            return typed("integer");
        }
        if (cls == float.class || cls == Float.class) {
            return typed("number").put("format", "float");
        }
        if (cls == double.class || cls == Double.class) {
            return typed("number").put("format", "double");
        }
        if (cls == BigDecimal.class || cls == Number.class) {
            return typed("number");
        }
        if (cls == char.class || cls == Character.class) {
            return typed("string").put("minLength", 1).put("maxLength", 1);
        }
        if (cls == String.class || CharSequence.class == cls) {
            return typed("string");
        }
        return null;
    }

    private static String timeFormat(Class<?> cls) {
        if (cls == Instant.class || cls == OffsetDateTime.class || cls == ZonedDateTime.class) {
            return "date-time";
        }
        if (cls == LocalDate.class) {
            return "date";
        }
        if (cls == Duration.class) {
            return "duration";
        }
        if (cls == UUID.class) {
            return "uuid";
        }
        if (cls == LocalDateTime.class || cls == LocalTime.class) {
            return "";
        }
        return null;
    }

    private JsonNode reference(Class<?> cls) {
        String name = nameOf(cls);
        if (!definitions.has(name)) {
            ObjectNode definition = typed("object");
            definitions.set(name, definition); // before the fields: a recursive type refers to itself
            ObjectNode properties = NODES.objectNode();
            ArrayNode required = NODES.arrayNode();
            for (Class<?> c = cls; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()) {
                        continue;
                    }
                    properties.set(field.getName(), schema(field.getGenericType()));
                    if (field.getType().isPrimitive()) {
                        required.add(field.getName());
                    }
                }
            }
            definition.put("title", cls.getSimpleName());
            definition.set("properties", properties);
            if (!required.isEmpty()) {
                definition.set("required", required);
            }
            definition.put("additionalProperties", false);
        }
        return NODES.objectNode().put("$ref", REF_PREFIX + name);
    }

    /** A definition name OpenAPI accepts ({@code [A-Za-z0-9._-]}): the class name, {@code $} as {@code .}. */
    static String nameOf(Class<?> cls) {
        return cls.getName().replaceAll("[^A-Za-z0-9._-]", ".");
    }

    private static ObjectNode array(JsonNode items) {
        return typed("array").set("items", items);
    }

    private static ObjectNode typed(String type) {
        return NODES.objectNode().put("type", type);
    }
}

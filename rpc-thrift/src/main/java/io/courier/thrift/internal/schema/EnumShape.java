package io.courier.thrift.internal.schema;

import java.util.Map;

/**
 * A Java enum as a Thrift enum named {@code name}, each constant with its number ({@link
 * io.courier.api.schema.FieldNumber}, else its ordinal + 1, as in the protobuf schema).
 *
 * @param numbers each constant's number
 * @param constants each number's constant
 */
public record EnumShape(
        String name, Class<?> javaType, Map<Enum<?>, Integer> numbers, Map<Integer, Enum<?>> constants) {}

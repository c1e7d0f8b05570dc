package io.courier.grpc.internal.schema;

import java.util.Map;

/**
 * A Java enum as a protobuf enum named {@code name}: each constant is the value {@code <NAME>_<CONSTANT>}
 * (protobuf scopes enum values beside their enum, so the prefix keeps two enums' constants apart), with
 * its number; 0 is {@code <NAME>_UNSPECIFIED}, which is Java's {@code null}.
 *
 * @param numbers each constant's number
 * @param constants each number's constant
 */
record EnumShape(String name, Class<?> javaType, Map<Enum<?>, Integer> numbers, Map<Integer, Enum<?>> constants) {

    /** The prefix of every value's name: the enum's name in upper snake case. */
    String prefix() {
        StringBuilder upper = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && name.charAt(i - 1) != '_') {
                upper.append('_');
            }
            upper.append(Character.toUpperCase(c));
        }
        return upper.toString();
    }
}

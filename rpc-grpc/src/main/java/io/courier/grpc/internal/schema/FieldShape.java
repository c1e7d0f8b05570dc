package io.courier.grpc.internal.schema;

/**
 * One field of a derived message.
 *
 * @param name the field's name: the Java field, record component or parameter name
 * @param number its protobuf number
 * @param type what it holds
 * @param presence whether it is a proto3 {@code optional} field, so that an absent value reads as
 *     {@code null} (every scalar but a Java primitive)
 * @param javaOptional whether the Java value is an {@code Optional} of the field's value
 * @param javaPrimitive whether the Java value is a primitive, which an absent field reads as its default
 */
record FieldShape(
        String name, int number, ProtoType type, boolean presence, boolean javaOptional, boolean javaPrimitive) {}

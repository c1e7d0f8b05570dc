package io.courier.thrift.internal.schema;

/**
 * One field of a derived struct (or one parameter of a function).
 *
 * @param name the Java field, record component or parameter name
 * @param id its Thrift field id
 * @param type what it holds
 * @param javaPrimitive whether the Java value is a primitive, which an absent field reads as its default
 */
public record FieldShape(String name, short id, ThriftType type, boolean javaPrimitive) {}

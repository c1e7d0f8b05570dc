package io.courier.thrift.internal.schema;

/** A Java type or method that has no Thrift form; the message says where and why. */
final class SchemaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SchemaException(String message) {
        super(message, null, false, false);
    }
}

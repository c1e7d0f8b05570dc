package io.courier.grpc.internal.schema;

/** A Java type that has no protobuf form, or a schema that cannot be built; the message names where and why. */
public final class SchemaException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    SchemaException(String message) {
        super(message);
    }
}

package io.courier.thrift.internal.schema;

/** The value an absent field of a Java primitive reads as. */
final class Primitives {

    private Primitives() {}

    static Object zero(ThriftType type) {
        if (!(type instanceof ThriftType.Scalar scalar)) {
            return null;
        }
        return switch (scalar.kind()) {
            case BOOL -> false;
            case BYTE -> (byte) 0;
            case I16 -> (short) 0;
            case I32 -> 0;
            case I64 -> 0L;
            case FLOAT -> 0f;
            case DOUBLE -> 0d;
            case STRING, BINARY -> null;
        };
    }
}

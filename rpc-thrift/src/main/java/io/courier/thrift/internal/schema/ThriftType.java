package io.courier.thrift.internal.schema;

import java.util.function.Supplier;
import org.apache.thrift.protocol.TType;

/** How the values of one Java type travel in Thrift: the kind of field, and what it holds. */
public sealed interface ThriftType {

    /** The type byte of the field on the wire ({@link TType}). */
    byte ttype();

    /** The type as the IDL writes it. */
    String idl();

    /** A Thrift base type; a Java {@code float} travels as a {@code double}, a {@code char} is not served. */
    record Scalar(Kind kind) implements ThriftType {
        @Override
        public byte ttype() {
            return kind.ttype;
        }

        @Override
        public String idl() {
            return kind.idl;
        }
    }

    /** A Java enum as a Thrift {@code enum} (an {@code i32} on the wire). */
    record EnumOf(EnumShape shape) implements ThriftType {
        @Override
        public byte ttype() {
            return TType.I32;
        }

        @Override
        public String idl() {
            return shape.name();
        }
    }

    /** A record or class of the application as a {@code struct}. */
    record StructOf(StructShape shape) implements ThriftType {
        @Override
        public byte ttype() {
            return TType.STRUCT;
        }

        @Override
        public String idl() {
            return shape.name();
        }
    }

    /**
     * A list, set or array: {@code list<T>}, or {@code set<T>} for a Java {@code Set}; {@code container} makes
     * an empty collection, {@code null} for an array of {@code arrayType}'s component.
     */
    record ListOf(ThriftType element, boolean set, Class<?> arrayType, Supplier<Object> container)
            implements ThriftType {
        @Override
        public byte ttype() {
            return set ? TType.SET : TType.LIST;
        }

        @Override
        public String idl() {
            return (set ? "set<" : "list<") + element.idl() + ">";
        }
    }

    /** A map: {@code map<K, V>}; {@code container} makes an empty one. */
    record MapOf(ThriftType key, ThriftType value, Supplier<Object> container) implements ThriftType {
        @Override
        public byte ttype() {
            return TType.MAP;
        }

        @Override
        public String idl() {
            return "map<" + key.idl() + ", " + value.idl() + ">";
        }
    }

    /** Thrift's base types, with their wire type and IDL name. */
    enum Kind {
        BOOL(TType.BOOL, "bool"),
        BYTE(TType.BYTE, "byte"),
        I16(TType.I16, "i16"),
        I32(TType.I32, "i32"),
        I64(TType.I64, "i64"),
        /** A Java {@code float}, widened to Thrift's only floating type. */
        FLOAT(TType.DOUBLE, "double"),
        DOUBLE(TType.DOUBLE, "double"),
        STRING(TType.STRING, "string"),
        BINARY(TType.STRING, "binary");

        final byte ttype;
        final String idl;

        Kind(byte ttype, String idl) {
            this.ttype = ttype;
            this.idl = idl;
        }

        /** The kind of {@code type}, or {@code null} when it is not a base type. */
        static Kind of(Class<?> type) {
            if (type == boolean.class || type == Boolean.class) {
                return BOOL;
            }
            if (type == byte.class || type == Byte.class) {
                return BYTE;
            }
            if (type == short.class || type == Short.class) {
                return I16;
            }
            if (type == int.class || type == Integer.class) {
                return I32;
            }
            if (type == long.class || type == Long.class) {
                return I64;
            }
            if (type == float.class || type == Float.class) {
                return FLOAT;
            }
            if (type == double.class || type == Double.class) {
                return DOUBLE;
            }
            if (type == String.class) {
                return STRING;
            }
            return type == byte[].class ? BINARY : null;
        }
    }
}

package io.courier.thrift.internal.schema;

import io.courier.thrift.internal.schema.ThriftType.EnumOf;
import io.courier.thrift.internal.schema.ThriftType.ListOf;
import io.courier.thrift.internal.schema.ThriftType.MapOf;
import io.courier.thrift.internal.schema.ThriftType.Scalar;
import io.courier.thrift.internal.schema.ThriftType.StructOf;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TMap;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolException;
import org.apache.thrift.protocol.TSet;
import org.apache.thrift.protocol.TStruct;

/**
 * Writes Java values of a derived schema to a Thrift protocol. A {@code null} field is left out (Thrift's
 * unset field); a {@code null} inside a list or map cannot be written and fails the answer. Stateless.
 */
public final class ValueWriter {

    private ValueWriter() {}

    /** Writes {@code value} as a struct named {@code name} whose one field {@code result} has id 0 ("success"). */
    public static void writeResult(TProtocol out, String name, ThriftType type, Object value) throws TException {
        out.writeStructBegin(new TStruct(name));
        if (value != null && type != null) {
            out.writeFieldBegin(new TField("success", type.ttype(), (short) 0));
            value(out, type, value);
            out.writeFieldEnd();
        }
        out.writeFieldStop();
        out.writeStructEnd();
    }

    public static void writeStruct(TProtocol out, StructShape shape, Object instance) throws TException {
        Object[] values;
        try {
            values = shape.values(instance);
        } catch (ReflectiveOperationException e) {
            throw new TException(shape + " could not be read: " + e, e);
        }
        out.writeStructBegin(new TStruct(shape.name()));
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                FieldShape field = shape.fields().get(i);
                out.writeFieldBegin(new TField(field.name(), field.type().ttype(), field.id()));
                value(out, field.type(), values[i]);
                out.writeFieldEnd();
            }
        }
        out.writeFieldStop();
        out.writeStructEnd();
    }

    private static void value(TProtocol out, ThriftType type, Object value) throws TException {
        if (value == null) {
            throw new TProtocolException(TProtocolException.INVALID_DATA, "a null element of a " + type.idl());
        }
        if (type instanceof Scalar scalar) {
            scalar(out, scalar, value);
        } else if (type instanceof EnumOf enumOf) {
            out.writeI32(enumOf.shape().numbers().get((Enum<?>) value));
        } else if (type instanceof StructOf struct) {
            writeStruct(out, struct.shape(), value);
        } else if (type instanceof ListOf list) {
            list(out, list, value);
        } else {
            map(out, (MapOf) type, (Map<?, ?>) value);
        }
    }

    private static void scalar(TProtocol out, Scalar scalar, Object value) throws TException {
        switch (scalar.kind()) {
            case BOOL -> out.writeBool((Boolean) value);
            case BYTE -> out.writeByte((Byte) value);
            case I16 -> out.writeI16((Short) value);
            case I32 -> out.writeI32((Integer) value);
            case I64 -> out.writeI64((Long) value);
            case FLOAT -> out.writeDouble((Float) value);
            case DOUBLE -> out.writeDouble((Double) value);
            case STRING -> out.writeString((String) value);
            case BINARY -> out.writeBinary(ByteBuffer.wrap((byte[]) value));
        }
    }

    private static void list(TProtocol out, ListOf list, Object value) throws TException {
        int size = value instanceof Collection<?> collection ? collection.size() : Array.getLength(value);
        byte elementType = list.element().ttype();
        if (list.set()) {
            out.writeSetBegin(new TSet(elementType, size));
        } else {
            out.writeListBegin(new TList(elementType, size));
        }
        if (value instanceof Collection<?> collection) {
            for (Object element : collection) {
                value(out, list.element(), element);
            }
        } else {
            for (int i = 0; i < size; i++) {
                value(out, list.element(), Array.get(value, i));
            }
        }
        if (list.set()) {
            out.writeSetEnd();
        } else {
            out.writeListEnd();
        }
    }

    private static void map(TProtocol out, MapOf map, Map<?, ?> value) throws TException {
        out.writeMapBegin(new TMap(map.key().ttype(), map.value().ttype(), value.size()));
        for (Map.Entry<?, ?> entry : value.entrySet()) {
            value(out, map.key(), entry.getKey());
            value(out, map.value(), entry.getValue());
        }
        out.writeMapEnd();
    }
}

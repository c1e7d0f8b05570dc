package io.courier.protocol.testing;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;

/**
 * A small serializer for the values the transport tests send (null, strings, byte arrays, longs,
 * ints), so that they do not depend on a real serializer.
 */
public final class TestSerializer implements Serializer {

    public static final TestSerializer INSTANCE = new TestSerializer((byte) 29);

    private final byte id;

    /** The same format under another id, to play a second serializer. */
    public TestSerializer(byte id) {
        this.id = id;
    }

    @Override
    public byte id() {
        return id;
    }

    @Override
    public ValueWriter writer(OutputStream out) {
        DataOutputStream data = new DataOutputStream(out);
        return new ValueWriter() {
            @Override
            public void write(Object value, Type declaredType) throws IOException {
                if (value == null) {
                    data.writeByte(0);
                } else if (value instanceof String text) {
                    data.writeByte(1);
                    data.writeUTF(text);
                } else if (value instanceof byte[] bytes) {
                    data.writeByte(2);
                    data.writeInt(bytes.length);
                    data.write(bytes);
                } else if (value instanceof Long number) {
                    data.writeByte(3);
                    data.writeLong(number);
                } else if (value instanceof Integer number) {
                    data.writeByte(4);
                    data.writeInt(number);
                } else {
                    throw new RpcException(
                            ErrorCode.SERIALIZATION,
                            "unsupported " + value.getClass().getName());
                }
            }

            @Override
            public void flush() throws IOException {
                data.flush();
            }
        };
    }

    @Override
    public ValueReader reader(InputStream in, DeserializationPolicy policy) {
        DataInputStream data = new DataInputStream(in);
        return declaredType -> {
            int tag = data.readUnsignedByte();
            return switch (tag) {
                case 0 -> null;
                case 1 -> data.readUTF();
                case 2 -> {
                    int length = data.readInt();
                    if (length < 0 || length > policy.maxStringLength()) {
                        throw new RpcException(ErrorCode.SERIALIZATION, "byte[] length " + length);
                    }
                    byte[] bytes = new byte[length];
                    data.readFully(bytes);
                    yield bytes;
                }
                case 3 -> data.readLong();
                case 4 -> data.readInt();
                default -> throw new IOException("tag " + tag);
            };
        };
    }
}

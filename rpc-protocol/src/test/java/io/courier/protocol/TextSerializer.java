package io.courier.protocol;

import io.courier.api.DeserializationPolicy;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.Serializer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny serializer for strings, longs and null, so that codec tests do not depend on a real
 * serializer; counts its reads so that tests can prove no argument byte reached it.
 */
final class TextSerializer implements Serializer {

    static final byte ID = 30;

    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger readers = new AtomicInteger();

    @Override
    public byte id() {
        return ID;
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
                } else if (value instanceof Long number) {
                    data.writeByte(2);
                    data.writeLong(number);
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
        readers.incrementAndGet();
        DataInputStream data = new DataInputStream(in);
        return declaredType -> {
            reads.incrementAndGet();
            int tag = data.readUnsignedByte();
            return switch (tag) {
                case 0 -> null;
                case 1 -> data.readUTF();
                case 2 -> data.readLong();
                default -> throw new IOException("tag " + tag);
            };
        };
    }
}

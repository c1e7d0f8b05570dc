package io.courier.bootstrap.fory;

import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.serialization.fory.ForySerializer;
import java.io.IOException;
import java.lang.reflect.Type;

/**
 * A consumer that lies: under fory's id it sends {@code bytes} as the arguments of any request, and
 * reads answers with {@code answers}.
 */
final class RawBytesSerializer implements Serializer {

    private final byte[] bytes;
    private final Serializer answers;

    RawBytesSerializer(byte[] bytes, Serializer answers) {
        this.bytes = bytes;
        this.answers = answers;
    }

    @Override
    public byte id() {
        return ForySerializer.ID;
    }

    @Override
    public ValueWriter writer(ByteSink sink) {
        return new ValueWriter() {
            private boolean written;

            @Override
            public void write(Object value, Type declaredType) throws IOException {
                if (!written) {
                    sink.write(bytes);
                    written = true;
                }
            }

            @Override
            public void flush() {}
        };
    }

    @Override
    public ValueReader reader(ByteSource source, DeserializationPolicy policy) {
        return answers.reader(source, policy);
    }
}

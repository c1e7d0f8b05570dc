package io.courier.serialization.fory;

import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.internal.BufferInputStream;
import io.courier.protocol.serialization.ProtostuffSerializer;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a fory session does with a value Fory cannot write: protostuff writes it, whole and length
 * first, and the reader reads it with protostuff under the same allow-list, so that fory carries
 * every value protostuff carries. The classes Fory refused once go to protostuff from then on (no
 * second failed attempt per value). Thread-safe; one per bound service.
 */
final class ForyFallback {

    private static final Logger log = LoggerFactory.getLogger(ForyFallback.class);

    private final String service;
    private final Serializer protostuff = new ProtostuffSerializer();
    private final Set<Class<?>> refused = ConcurrentHashMap.newKeySet();

    ForyFallback(String service) {
        this.service = service;
    }

    /** Whether values of {@code type} go to protostuff. */
    boolean takes(Class<?> type) {
        return !refused.isEmpty() && refused.contains(type);
    }

    /** Sends {@code type}'s values to protostuff from now on: Fory refused one ({@code why}). */
    void remember(Class<?> type, RuntimeException why) {
        if (refused.add(type)) {
            log.info(
                    "{}: fory cannot write {} ({}); its values travel in protostuff",
                    service,
                    type.getName(),
                    why.toString());
        }
    }

    /** {@code value} as protostuff writes it. */
    byte[] write(Object value, Type declaredType) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Serializer.ValueWriter writer = protostuff.writer(ByteSink.of(bytes));
        writer.write(value, declaredType);
        writer.flush();
        return bytes.toByteArray();
    }

    /**
     * The value protostuff wrote into {@code bytes[0, size)}, read under {@code policy}.
     *
     * @throws IOException if the value does not use exactly those bytes
     */
    Object read(byte[] bytes, int size, Type declaredType, DeserializationPolicy policy) throws IOException {
        BufferInputStream source = new BufferInputStream(Unpooled.wrappedBuffer(bytes, 0, size));
        Object value = protostuff.reader(source, policy).read(declaredType);
        if (source.available() != 0) {
            throw new IOException("protostuff value of " + size + " bytes used " + (size - source.available()));
        }
        return value;
    }
}

package io.courier.api.serialization;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Which {@link Serializer} classes override the stream methods, looked up once per class: the
 * default sink and source methods bridge to them only if they do, so a serializer that overrides
 * neither pair fails with its name instead of recursing.
 */
final class SerializerBridge {

    private static final ClassValue<Boolean> WRITES_STREAMS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return overrides(type, "writer", OutputStream.class);
        }
    };

    private static final ClassValue<Boolean> READS_STREAMS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return overrides(type, "reader", InputStream.class, DeserializationPolicy.class);
        }
    };

    private SerializerBridge() {}

    static OutputStream streamFor(Serializer serializer, ByteSink sink) {
        if (!WRITES_STREAMS.get(serializer.getClass())) {
            throw new UnsupportedOperationException(
                    serializer.getClass().getName() + " implements neither writer(ByteSink) nor writer(OutputStream)");
        }
        return sink.asOutputStream();
    }

    static InputStream streamFor(Serializer serializer, ByteSource source) {
        if (!READS_STREAMS.get(serializer.getClass())) {
            throw new UnsupportedOperationException(serializer.getClass().getName()
                    + " implements neither reader(ByteSource, ..) nor reader(InputStream, ..)");
        }
        return source.asInputStream();
    }

    private static boolean overrides(Class<?> type, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters).getDeclaringClass() != Serializer.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}

package io.courier.api.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import org.junit.jupiter.api.Test;

class ByteSinkSourceTest {

    private static final DeserializationPolicy POLICY = new DeserializationPolicy() {
        @Override
        public void checkClass(String className) {}

        @Override
        public int maxDepth() {
            return 4;
        }

        @Override
        public int maxCollectionLength() {
            return 4;
        }

        @Override
        public int maxStringLength() {
            return 4;
        }
    };

    @Test
    void streamSinkCountsAndPassesBytesThrough() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteSink sink = ByteSink.of(bytes);
        sink.writeByte(7);
        sink.write(new byte[] {1, 2, 3}, 1, 2);
        sink.close();

        assertThat(bytes.toByteArray()).containsExactly(7, 2, 3);
        assertThat(sink.written()).isEqualTo(3);
        assertThat(ByteSink.of(sink)).isSameAs(sink);
        assertThat(sink.asOutputStream()).isSameAs(sink);
    }

    @Test
    void streamSourceTracksPositionAndRunningPastTheEnd() throws IOException {
        ByteSource source = ByteSource.of(new ByteArrayInputStream(new byte[] {5, 6, 7}));
        assertThat(source.read()).isEqualTo(5);
        assertThat(source.read(new byte[4], 0, 4)).isEqualTo(2);
        assertThat(source.position()).isEqualTo(3);
        assertThat(source.ranPastEnd()).isFalse();

        assertThat(source.read()).isEqualTo(-1);
        assertThat(source.ranPastEnd()).isTrue();
        assertThat(ByteSource.of(source)).isSameAs(source);
    }

    @Test
    void aStreamSerializerIsReachedThroughTheSinkAndSourceMethods() throws IOException {
        Serializer streams = new StreamOnly();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Serializer.ValueWriter writer = streams.writer(ByteSink.of(bytes));
        writer.write(42, int.class);
        writer.flush();

        Object read = streams.reader(ByteSource.of(new ByteArrayInputStream(bytes.toByteArray())), POLICY)
                .read(int.class);
        assertThat(read).isEqualTo(42);
    }

    @Test
    void aSinkSerializerIsReachedThroughTheStreamMethods() throws IOException {
        Serializer sinks = new SinkOnly();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Serializer.ValueWriter writer = sinks.writer((OutputStream) bytes);
        writer.write(9, int.class);
        writer.flush();

        assertThat(bytes.toByteArray()).containsExactly(9);
        assertThat(sinks.reader((InputStream) new ByteArrayInputStream(new byte[] {9}), POLICY)
                        .read(int.class))
                .isEqualTo(9);
    }

    @Test
    void aSerializerImplementingNeitherIsNamed() {
        Serializer neither = () -> (byte) 30;
        assertThatThrownBy(() -> neither.writer(new ByteArrayOutputStream()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("implements neither writer(ByteSink) nor writer(OutputStream)");
        assertThatThrownBy(() -> neither.reader(new ByteArrayInputStream(new byte[0]), POLICY))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("implements neither reader(ByteSource");
    }

    /** A serializer written before ByteSink existed: one byte per value, through streams. */
    private static final class StreamOnly implements Serializer {
        @Override
        public byte id() {
            return 28;
        }

        @Override
        public ValueWriter writer(OutputStream out) {
            return oneBytePerValue(out);
        }

        @Override
        public ValueReader reader(InputStream in, DeserializationPolicy policy) {
            return declaredType -> in.read();
        }
    }

    /** A serializer written against the sink and source. */
    private static final class SinkOnly implements Serializer {
        @Override
        public byte id() {
            return 29;
        }

        @Override
        public ValueWriter writer(ByteSink sink) {
            return oneBytePerValue(sink);
        }

        @Override
        public ValueReader reader(ByteSource source, DeserializationPolicy policy) {
            return declaredType -> source.read();
        }
    }

    /** Writes each (small) integer value as one byte. */
    private static Serializer.ValueWriter oneBytePerValue(OutputStream out) {
        return new Serializer.ValueWriter() {
            @Override
            public void write(Object value, Type declaredType) throws IOException {
                out.write((Integer) value);
            }

            @Override
            public void flush() {}
        };
    }
}

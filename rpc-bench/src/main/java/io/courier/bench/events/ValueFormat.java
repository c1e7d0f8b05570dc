package io.courier.bench.events;

import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.serialization.ClassAllowList;
import io.courier.spi.ExtensionLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** How a plain kafka-clients side turns a {@link BenchEvent} into a record value and back. */
interface ValueFormat {

    byte[] write(BenchEvent event);

    /** The event's sequence and publishing time. */
    long[] read(byte[] value);

    /**
     * {@code bytes} bytes (at least 16): the sequence and the publishing time in the first 16, then zeros; read back
     * without any serializer. The floor under anything built on kafka-clients.
     */
    static ValueFormat raw(int bytes) {
        if (bytes < 16) {
            throw new IllegalArgumentException("bytes: " + bytes + " (expected: >= 16)");
        }
        return new ValueFormat() {
            @Override
            public byte[] write(BenchEvent event) {
                byte[] value = new byte[bytes];
                ByteBuffer.wrap(value).putLong(event.sequence()).putLong(event.sentNanos());
                return value;
            }

            @Override
            public long[] read(byte[] value) {
                ByteBuffer buffer = ByteBuffer.wrap(value);
                return new long[] {buffer.getLong(0), buffer.getLong(8)};
            }
        };
    }

    /**
     * The whole event written and read by Courier's hessian serializer called by hand, read under an allow-list of
     * {@link BenchEvent} alone: what a team that wires kafka-clients itself and serializes as Courier does writes.
     * The bytes are those of Courier's payload.
     */
    static ValueFormat hessian() {
        Serializer hessian = ExtensionLoader.of(Serializer.class).get("hessian");
        DeserializationPolicy policy =
                ClassAllowList.builder().allowClass(BenchEvent.class).build();
        return new ValueFormat() {
            @Override
            public byte[] write(BenchEvent event) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(128);
                try {
                    Serializer.ValueWriter writer = hessian.writer(ByteSink.of(out));
                    writer.write(event, BenchEvent.class);
                    writer.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return out.toByteArray();
            }

            @Override
            public long[] read(byte[] value) {
                try {
                    BenchEvent event =
                            (BenchEvent) hessian.reader(ByteSource.of(new ByteArrayInputStream(value)), policy)
                                    .read(BenchEvent.class);
                    return new long[] {event.sequence(), event.sentNanos()};
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}

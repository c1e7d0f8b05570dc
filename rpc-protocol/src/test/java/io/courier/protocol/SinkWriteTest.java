package io.courier.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.internal.BufferOutputStream;
import io.courier.protocol.model.Page;
import io.courier.protocol.model.User;
import io.courier.protocol.serialization.ProtostuffSerializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Type;
import org.junit.jupiter.api.Test;

/**
 * Protostuff writes only through the {@link ByteSink} it is given: a plain stream's sink gets the
 * bytes the protocol's frame sink gets, and a sink that can take fewer bytes than a message refuses
 * it before any of the message is written.
 */
class SinkWriteTest {

    private static final ProtostuffSerializer PROTOSTUFF = new ProtostuffSerializer();
    // a lone surrogate followed by a non-ASCII char: Netty's encoder and the JDK's differ there
    private static final Object[] VALUES = {
        "plain", "\uD83D\u00E9 \uD83D\uDE00 北京", 7, -3L, 2.5, true, null, User.sample(3), Page.sample(1, 15)
    };
    private static final Type[] TYPES = {
        String.class,
        String.class,
        Integer.class,
        Long.class,
        Double.class,
        Boolean.class,
        Object.class,
        User.class,
        Page.class
    };

    @Test
    void write_toAStreamSink_givesTheBytesOfTheFrameSink() throws IOException {
        ByteBuf frame = Unpooled.buffer();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        try {
            write(new BufferOutputStream(frame));
            write(ByteSink.of(stream));
            assertThat(stream.toByteArray()).isEqualTo(ByteBufUtil.getBytes(frame));
            Serializer.ValueReader reader = PROTOSTUFF.reader(
                    new io.courier.protocol.internal.BufferInputStream(frame), SerializerContractTest.POLICY);
            for (int i = 0; i < VALUES.length; i++) {
                Object read = reader.read(TYPES[i]);
                if (i != 1) {
                    assertThat(read).isEqualTo(VALUES[i]);
                }
            }
        } finally {
            frame.release();
        }
    }

    @Test
    void write_aMessageLargerThanTheSinkCanTake_failsBeforeWritingIt() throws IOException {
        ByteBuf frame = Unpooled.buffer(64, 64);
        try {
            Serializer.ValueWriter writer = PROTOSTUFF.writer(new BufferOutputStream(frame));
            assertThatThrownBy(() -> writer.write(Page.sample(1, 15), Page.class))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(frame.readableBytes()).as("only the value's tag").isEqualTo(1);
        } finally {
            frame.release();
        }
    }

    @Test
    void write_aStringLongerThanTheSinkCanTake_failsBeforeWritingIt() {
        ByteBuf frame = Unpooled.buffer(16, 16);
        try {
            Serializer.ValueWriter writer = PROTOSTUFF.writer(new BufferOutputStream(frame));
            assertThatThrownBy(() -> writer.write("x".repeat(17), String.class))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(frame.readableBytes()).as("nothing written").isZero();
        } finally {
            frame.release();
        }
    }

    private static void write(ByteSink sink) throws IOException {
        Serializer.ValueWriter writer = PROTOSTUFF.writer(sink);
        for (int i = 0; i < VALUES.length; i++) {
            writer.write(VALUES[i], TYPES[i]);
        }
        writer.flush();
    }
}

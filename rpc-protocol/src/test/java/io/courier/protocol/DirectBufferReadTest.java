package io.courier.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.courier.api.RpcException;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.internal.BufferInputStream;
import io.courier.protocol.internal.BufferOutputStream;
import io.courier.protocol.model.Page;
import io.courier.protocol.model.User;
import io.courier.protocol.serialization.ProtostuffSerializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Protostuff reads a message of a direct buffer (what the transport hands the protocol) from a copy
 * the thread reuses, and one of a heap buffer in place: both give the same values, leave the reader
 * index after the value, and report a malformed value at the same body offset.
 */
class DirectBufferReadTest {

    private static final ProtostuffSerializer PROTOSTUFF = new ProtostuffSerializer();
    private static final Object[] VALUES = {User.sample(7), Page.sample(2, 15), List.of(User.sample(1), User.sample(2))
    };
    private static final Type[] TYPES = {User.class, Page.class, Object.class};

    @Test
    void read_givesTheSameValuesFromDirectAndHeapBuffers() throws IOException {
        ByteBuf heap = written();
        ByteBuf direct = Unpooled.directBuffer().writeBytes(heap, 0, heap.readableBytes());
        try {
            for (ByteBuf buffer : List.of(heap, direct)) {
                Serializer.ValueReader reader =
                        PROTOSTUFF.reader(new BufferInputStream(buffer), SerializerContractTest.POLICY);
                for (int i = 0; i < VALUES.length; i++) {
                    assertThat(reader.read(TYPES[i])).isEqualTo(VALUES[i]);
                }
                assertThat(buffer.isReadable()).as("every byte read").isFalse();
            }
        } finally {
            heap.release();
            direct.release();
        }
    }

    @Test
    void read_afterAMalformedMessage_readsTheNextOneAndNamesTheSameOffset() throws IOException {
        ByteBuf heap = written();
        // the first value's message one byte short: its last field runs past the message's end
        int size = heap.getByte(1);
        heap.setByte(1, size - 1);
        ByteBuf direct = Unpooled.directBuffer().writeBytes(heap, 0, heap.readableBytes());
        ByteBuf good = written();
        ByteBuf goodDirect = Unpooled.directBuffer().writeBytes(good, 0, good.readableBytes());
        try {
            RpcException fromHeap = failure(heap);
            RpcException fromDirect = failure(direct);
            assertThat(fromDirect).hasMessage(fromHeap.getMessage());
            Serializer.ValueReader reader =
                    PROTOSTUFF.reader(new BufferInputStream(goodDirect), SerializerContractTest.POLICY);
            assertThat(reader.read(User.class)).isEqualTo(VALUES[0]);
        } finally {
            heap.release();
            direct.release();
            good.release();
            goodDirect.release();
        }
    }

    private static RpcException failure(ByteBuf buffer) {
        return catchThrowableOfType(
                () -> PROTOSTUFF
                        .reader(new BufferInputStream(buffer), SerializerContractTest.POLICY)
                        .read(User.class),
                RpcException.class);
    }

    private static ByteBuf written() throws IOException {
        ByteBuf buffer = Unpooled.buffer();
        Serializer.ValueWriter writer = PROTOSTUFF.writer(new BufferOutputStream(buffer));
        for (int i = 0; i < VALUES.length; i++) {
            writer.write(VALUES[i], TYPES[i]);
        }
        writer.flush();
        return buffer;
    }
}

package io.courier.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KnownNamesTest {

    private final KnownNames names = new KnownNames();
    private final ByteBuf buffer = Unpooled.buffer();

    @AfterEach
    void release() {
        buffer.release();
    }

    @Test
    void sameBytes_giveTheSameString_andTheReaderMovesPastThem() {
        Wire.writeString(buffer, "shop/io.courier.demo.OrderService:1.0");
        Wire.writeString(buffer, "shop/io.courier.demo.OrderService:1.0");
        buffer.writeByte(42);

        String first = names.read(buffer, 1024, "service key");
        String second = names.read(buffer, 1024, "service key");

        assertThat(first).isEqualTo("shop/io.courier.demo.OrderService:1.0");
        assertThat(second).isSameAs(first);
        assertThat(buffer.readByte()).isEqualTo((byte) 42);
    }

    @Test
    void sameBytes_inHeapDirectAndSlicedBuffers_giveTheSameString() {
        String name = "shop/io.courier.demo.OrderService:1.0";
        ByteBuf direct = Unpooled.directBuffer();
        ByteBuf framed = Unpooled.directBuffer();
        try {
            Wire.writeString(buffer, name);
            Wire.writeString(direct, name);
            framed.writeBytes(new byte[] {1, 2, 3});
            Wire.writeString(framed, name);
            ByteBuf slice = framed.slice(3, framed.readableBytes() - 3);

            String fromHeap = names.read(buffer, 1024, "service key");

            assertThat(names.read(direct, 1024, "service key")).isSameAs(fromHeap);
            assertThat(names.read(slice, 1024, "service key")).isSameAs(fromHeap);
            assertThat(direct.isReadable()).isFalse();
            assertThat(slice.isReadable()).isFalse();
        } finally {
            direct.release();
            framed.release();
        }
    }

    @Test
    void differentNames_areNeverConfused() {
        String[] values = new String[2_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = "io.courier.Service" + i + "#call(java.lang.String)";
            Wire.writeString(buffer, values[i]);
        }
        for (int round = 0; round < 2; round++) {
            buffer.readerIndex(0);
            for (String value : values) {
                assertThat(names.read(buffer, 4096, "method")).isEqualTo(value);
            }
        }
    }

    @Test
    void pinnedNames_comeBackAsTheGivenInstance_andStayAfterThousandsOfOthers() {
        String pinned = new String("courier.deadline-ms");
        KnownNames table = new KnownNames(pinned);
        Wire.writeString(buffer, "courier.deadline-ms");
        for (int i = 0; i < 2_000; i++) {
            Wire.writeString(buffer, "x-trace-" + i);
        }
        Wire.writeString(buffer, "courier.deadline-ms");

        assertThat(table.read(buffer, 256, "attachment key")).isSameAs(pinned);
        for (int i = 0; i < 2_000; i++) {
            assertThat(table.read(buffer, 256, "attachment key")).isEqualTo("x-trace-" + i);
        }
        assertThat(table.read(buffer, 256, "attachment key")).isSameAs(pinned);
    }

    @Test
    void aPinnedNameOverTheCachedLength_isRefused() {
        assertThatThrownBy(() -> new KnownNames("n".repeat(KnownNames.MAX_CACHED_BYTES + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("257 bytes");
    }

    @Test
    void nonAsciiAndEmptyNames_readAsWritten() {
        Wire.writeString(buffer, "grüße/日本#x()");
        Wire.writeString(buffer, "");

        assertThat(names.read(buffer, 100, "method")).isEqualTo("grüße/日本#x()");
        assertThat(names.read(buffer, 100, "method")).isEmpty();
    }

    @Test
    void nameLongerThanTheCacheKeeps_isStillRead() {
        String longName = "x".repeat(KnownNames.MAX_CACHED_BYTES + 1);
        Wire.writeString(buffer, longName);
        Wire.writeString(buffer, longName);

        assertThat(names.read(buffer, 4096, "method")).isEqualTo(longName);
        assertThat(names.read(buffer, 4096, "method")).isEqualTo(longName);
    }

    @Test
    void lengthOverTheLimit_orPastTheBytesLeft_isRefusedLikeWire() {
        Wire.writeString(buffer, "0123456789");
        assertThatThrownBy(() -> names.read(buffer, 5, "service key"))
                .isInstanceOf(RpcException.class)
                .hasMessage("service key: 10 bytes (expected: <= 5) at body offset 0")
                .extracting(e -> ((RpcException) e).code())
                .isEqualTo(ErrorCode.BAD_REQUEST);

        buffer.clear();
        Wire.writeVarint(buffer, 20);
        buffer.writeBytes(new byte[3]);
        assertThatThrownBy(() -> names.read(buffer, 1024, "method"))
                .isInstanceOf(RpcException.class)
                .hasMessage("method: 20 bytes but 3 left at body offset 0");
    }
}

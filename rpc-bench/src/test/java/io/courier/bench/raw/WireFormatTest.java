package io.courier.bench.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.bench.workload.Page;
import io.courier.bench.workload.SyntheticUserService;
import io.courier.bench.workload.User;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void user_roundTripsWithEveryField() {
        User user = SyntheticUserService.user(42, LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_789));
        ByteBuf buf = Unpooled.buffer();
        try {
            WireFormat.writeUser(buf, user);

            assertThat(WireFormat.readUser(buf)).isEqualTo(user);
            assertThat(buf.isReadable()).isFalse();
        } finally {
            buf.release();
        }
    }

    @Test
    void user_roundTripsWithNullFields() {
        User user = new User();
        user.setId(-1);
        ByteBuf buf = Unpooled.buffer();
        try {
            WireFormat.writeUser(buf, user);
            WireFormat.writeUser(buf, null);

            assertThat(WireFormat.readUser(buf)).isEqualTo(user);
            assertThat(WireFormat.readUser(buf)).isNull();
        } finally {
            buf.release();
        }
    }

    @Test
    void page_roundTrips() {
        Page<User> page = new SyntheticUserService().listUser(3);
        ByteBuf buf = Unpooled.buffer();
        try {
            WireFormat.writeUserPage(buf, page);

            assertThat(WireFormat.readUserPage(buf)).isEqualTo(page);
        } finally {
            buf.release();
        }
    }

    @Test
    void readUserPage_refusesACountTheFrameCannotHold() {
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeBoolean(true).writeInt(1).writeInt(1000).writeInt(Integer.MAX_VALUE);

            assertThatThrownBy(() -> WireFormat.readUserPage(buf))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("count: 2147483647 (expected: <= 0)");
        } finally {
            buf.release();
        }
    }

    @Test
    void writeLength_countsTheBytesAfterTheLengthField() {
        ByteBuf buf = Unpooled.buffer();
        try {
            WireFormat.writeHeader(buf, 7, WireFormat.GET_USER);
            buf.writeLong(42);
            WireFormat.writeLength(buf, 0);

            assertThat(buf.readInt()).isEqualTo(8 + 1 + 8);
            assertThat(buf.readLong()).isEqualTo(7);
            assertThat(buf.readByte()).isEqualTo(WireFormat.GET_USER);
        } finally {
            buf.release();
        }
    }
}

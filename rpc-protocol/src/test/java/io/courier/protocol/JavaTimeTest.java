package io.courier.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.internal.BufferInputStream;
import io.courier.protocol.internal.BufferOutputStream;
import io.courier.protocol.serialization.ProtostuffSerializer;
import io.courier.protocol.testing.OpenPolicy;
import io.courier.protocol.testing.RefusingPolicy;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Protostuff's java.time scalars: every value in range comes back, anything else is refused clearly. */
class JavaTimeTest {

    /** java.time values in every position a field can hold them. */
    public static final class Times {
        LocalDate date;
        LocalTime time;
        LocalDateTime dateTime;
        Instant instant;
        Duration duration;
        List<Object> inList;
        Object polymorphic;
        LocalDate[] dates;

        public Times() {}

        Times(Object value, Object other) {
            date = (LocalDate) (value instanceof LocalDate ? value : null);
            time = (LocalTime) (value instanceof LocalTime ? value : null);
            dateTime = (LocalDateTime) (value instanceof LocalDateTime ? value : null);
            instant = (Instant) (value instanceof Instant ? value : null);
            duration = (Duration) (value instanceof Duration ? value : null);
            inList = new ArrayList<>(Arrays.asList(value, null, other));
            polymorphic = value;
            dates = value instanceof LocalDate day ? new LocalDate[] {day, null} : null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Times t
                    && Objects.equals(date, t.date)
                    && Objects.equals(time, t.time)
                    && Objects.equals(dateTime, t.dateTime)
                    && Objects.equals(instant, t.instant)
                    && Objects.equals(duration, t.duration)
                    && Objects.equals(inList, t.inList)
                    && Objects.equals(polymorphic, t.polymorphic)
                    && Arrays.equals(dates, t.dates);
        }

        @Override
        public int hashCode() {
            return Objects.hash(date, time, dateTime, instant, duration);
        }
    }

    /** Times as a sender with other ideas writes it: the same field numbers, other contents. */
    public static final class Forged {
        long date;
        long time;
        byte[] dateTime;
        byte[] instant;
        byte[] duration;

        public Forged() {}
    }

    static Stream<Object> values() {
        return Stream.of(
                LocalDate.MIN,
                LocalDate.MAX,
                LocalDate.EPOCH,
                LocalDate.ofEpochDay(-1),
                LocalDate.of(1968, 12, 8),
                LocalTime.MIN,
                LocalTime.MAX,
                LocalTime.of(1, 2, 3, 4),
                LocalDateTime.MIN,
                LocalDateTime.MAX,
                LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999),
                LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000),
                Instant.MIN,
                Instant.MAX,
                Instant.EPOCH,
                Instant.ofEpochSecond(-1, 1),
                Duration.ZERO,
                Duration.ofNanos(-1),
                Duration.ofSeconds(Long.MIN_VALUE),
                Duration.ofSeconds(Long.MAX_VALUE, 999_999_999));
    }

    @ParameterizedTest
    @MethodSource("values")
    void value_roundTripsAsFieldInListPolymorphicAndTopLevel(Object value) {
        Times times = new Times(value, Instant.ofEpochSecond(7));
        assertThat(roundTrip(times, Times.class, OpenPolicy.INSTANCE)).isEqualTo(times);
        assertThat(roundTrip(times, Object.class, OpenPolicy.INSTANCE)).isEqualTo(times);
        assertThat(roundTrip(value, value.getClass(), OpenPolicy.INSTANCE)).isEqualTo(value);
        assertThat(roundTrip(value, Object.class, OpenPolicy.INSTANCE)).isEqualTo(value);
        List<Object> list = List.of(value, value);
        assertThat(roundTrip(list, List.class, OpenPolicy.INSTANCE)).isEqualTo(list);
    }

    @Test
    void localDate_isSmallerThanANestedMessage() {
        // field tag, zigzag varint of the epoch day: 3 bytes for dates of this century
        Times times = new Times(LocalDate.of(2024, 5, 6), null);
        times.inList = null;
        times.polymorphic = null;
        times.dates = null;
        assertThat(written(times, Times.class)).hasSize(1 + 1 + 1 + 3);
    }

    static Stream<Arguments> forgeries() {
        return Stream.of(
                Arguments.of("epoch day out of range", forged(f -> f.date = Long.MAX_VALUE), "java.time.LocalDate"),
                Arguments.of("negative nano of day", forged(f -> f.time = -1), "java.time.LocalTime"),
                Arguments.of("nano of day too large", forged(f -> f.time = 86_400_000_000_000L), "java.time.LocalTime"),
                Arguments.of(
                        "truncated seconds",
                        forged(f -> f.dateTime = new byte[] {(byte) 0x80}),
                        "java.time.LocalDateTime"),
                Arguments.of("nanos missing", forged(f -> f.instant = new byte[] {2}), "java.time.Instant"),
                Arguments.of(
                        "nano of second too large",
                        forged(f -> f.instant = new byte[] {0, (byte) 0x80, (byte) 0x94, (byte) 0xEB, (byte) 0xDC, 3}),
                        "nano of second 1000000000"),
                Arguments.of("bytes after the value", forged(f -> f.duration = new byte[] {0, 0, 0}), "bytes after"),
                Arguments.of(
                        "seconds out of range",
                        forged(f -> f.dateTime = new byte[] {
                            (byte) 0xFE,
                            (byte) 0xFF,
                            (byte) 0xFF,
                            (byte) 0xFF,
                            (byte) 0xFF,
                            (byte) 0xFF,
                            (byte) 0xFF,
                            (byte) 0xFF,
                            (byte) 0xFF,
                            0x01,
                            0
                        }),
                        "java.time.LocalDateTime"),
                Arguments.of(
                        "varint longer than 10 bytes",
                        forged(f -> {
                            f.duration = new byte[12];
                            Arrays.fill(f.duration, (byte) 0x80);
                        }),
                        "varint longer than 10 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void malformedValue_isRefusedAsSerializationError(String name, Forged forged, String message) {
        byte[] bytes = written(forged, Forged.class);
        assertThatThrownBy(() -> read(bytes, Times.class, OpenPolicy.INSTANCE))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION))
                .hasMessageContaining(message);
    }

    @Test
    void valueLongerThanThePolicyAllows_isRefusedBeforeItIsRead() {
        byte[] bytes = written(forged(f -> f.duration = new byte[40]), Forged.class);
        DeserializationPolicy strict = new RefusingPolicy(null, 16);
        assertThatThrownBy(() -> read(bytes, Times.class, strict))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION))
                .hasMessageContaining("maxStringLength");
    }

    @Test
    void timeClassThePolicyRefuses_isRefusedAsThePolicyRefusesIt() {
        Times times = new Times(Instant.EPOCH, null);
        byte[] bytes = written(times, Times.class);
        DeserializationPolicy noInstants = new RefusingPolicy("java.time.Instant", 1 << 20);
        assertThatThrownBy(() -> read(bytes, Times.class, noInstants))
                .isInstanceOf(RpcException.class)
                .hasMessageContaining("refused java.time.Instant");
        byte[] dates = written(new Times(LocalDate.EPOCH, null), Times.class);
        assertThat(read(dates, Times.class, noInstants)).isEqualTo(new Times(LocalDate.EPOCH, null));
    }

    private static Forged forged(java.util.function.Consumer<Forged> change) {
        Forged forged = new Forged();
        change.accept(forged);
        return forged;
    }

    private static Object roundTrip(Object value, Type type, DeserializationPolicy policy) {
        return read(written(value, type), type, policy);
    }

    private static byte[] written(Object value, Type type) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            Serializer.ValueWriter writer = new ProtostuffSerializer().writer(new BufferOutputStream(buffer));
            writer.write(value, type);
            writer.flush();
            return io.netty.buffer.ByteBufUtil.getBytes(buffer);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            buffer.release();
        }
    }

    private static Object read(byte[] bytes, Type type, DeserializationPolicy policy) {
        ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
        try {
            Object value = new ProtostuffSerializer()
                    .reader(new BufferInputStream(buffer), policy)
                    .read(type);
            assertThat(buffer.isReadable()).as("every byte read").isFalse();
            return value;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            buffer.release();
        }
    }
}

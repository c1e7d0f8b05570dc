package io.courier.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.protocol.model.Address;
import io.courier.protocol.model.Order;
import io.courier.protocol.model.Page;
import io.courier.protocol.model.Status;
import io.courier.protocol.model.User;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.protostuff.LinkedBuffer;
import io.protostuff.ProtostuffIOUtil;
import io.protostuff.Schema;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The direct output writes what protostuff's own output writes, byte for byte, with the size in front. */
class ByteBufOutputTest {

    private static final ProtostuffRuntime RUNTIME = new ProtostuffRuntime();

    /** A value with one of everything protostuff's runtime schema writes, in every shape. */
    static final class Specimen {
        int negativeInt = -5;
        int minInt = Integer.MIN_VALUE;
        long minLong = Long.MIN_VALUE;
        long maxLong = Long.MAX_VALUE;
        short negativeShort = -300;
        byte negativeByte = -1;
        char umlaut = 'Ä';
        float nanFloat = Float.NaN;
        double negativeZero = -0.0;
        boolean yes = true;
        Integer boxedNegative = -70_000;
        Integer absent;
        String ascii = "plain ascii";
        String nonAscii = "Zürich 北京 😀 ß";
        String loneSurrogates = "a\uD800b\uDC00c\uD83D";
        String empty = "";
        String nullString;
        Status status = Status.SHIPPED;
        int[] ints = {0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE};
        long[] longs = {-1L, Long.MIN_VALUE};
        String[] strings = {"a", null, "ü"};
        Integer[] boxes = {1, null, -2};
        byte[] bytes = {0, -1, 127, -128};
        Status[] statuses = {Status.NEW, null, Status.PAID};
        List<Address> addresses = new ArrayList<>(Arrays.asList(new Address("Bern", "Gasse 2"), null));
        Map<String, Address> addressMap = new LinkedHashMap<>();
        Map<Object, Object> anything = new HashMap<>();
        Object polymorphicObject = new Address("Basel", null);
        Object polymorphicList = List.of(1, "two", 3L);
        Object polymorphicDate = LocalDate.of(1968, 12, 8);
        Object polymorphicArray = new int[] {-3, 4};
        Object polymorphicEnum = Status.PAID;
        Object polymorphicNull;
        BigDecimal decimal = new BigDecimal("-12.3400");
        LocalDate date = LocalDate.MIN;
        LocalTime time = LocalTime.MAX;
        LocalDateTime dateTime = LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999);
        Instant instant = Instant.ofEpochSecond(-1, 1);
        Duration duration = Duration.ofSeconds(Long.MIN_VALUE);
        List<LocalDate> dates = new ArrayList<>(Arrays.asList(LocalDate.MAX, null, LocalDate.EPOCH));
        LocalDateTime[] dateTimes = {LocalDateTime.MIN, null, LocalDateTime.MAX};
        Order order = Order.sample();
        Specimen child;

        Specimen() {
            addressMap.put("home", new Address("Zürich", "Bahnhofstrasse 1"));
            addressMap.put("none", null);
            anything.put(-1, Instant.EPOCH);
            anything.put("list", new ArrayList<>(List.of(Duration.ofMillis(-5))));
        }

        static Specimen nested() {
            Specimen specimen = new Specimen();
            specimen.child = new Specimen();
            specimen.child.polymorphicObject = new Specimen();
            return specimen;
        }
    }

    static Stream<Arguments> values() {
        Specimen large = new Specimen();
        large.ascii = "x".repeat(20_000);
        return Stream.of(
                Arguments.of("specimen", Specimen.nested()),
                Arguments.of("large specimen", large),
                Arguments.of("small address", new Address("a", "b")),
                Arguments.of("empty address", new Address()),
                Arguments.of("order", Order.sample()),
                Arguments.of("user", User.sample(-7)),
                Arguments.of("page", Page.sample(1, 15)));
    }

    static List<IntFunction<ByteBuf>> buffers() {
        return List.of(Unpooled::buffer, Unpooled::directBuffer);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void writeMessage_writesWhatProtostuffOutputWrites(String name, Object value) throws IOException {
        byte[] expected = protostuffOutput(value);
        for (IntFunction<ByteBuf> allocate : buffers()) {
            for (int bias = 0; bias <= 1; bias++) {
                // a byte in front, so that the message does not start at index 0
                ByteBuf out = allocate.apply(8);
                try {
                    out.writeByte(0x55);
                    write(out, value, bias);
                    assertThat((int) out.readUnsignedByte()).isEqualTo(0x55);
                    assertThat(readVarint(out)).as("size + bias").isEqualTo(expected.length + bias);
                    assertThat(ByteBufUtil.getBytes(out)).isEqualTo(expected);
                } finally {
                    out.release();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void writeMessage_appendsAfterEarlierMessages(String name, Object value) throws IOException {
        byte[] expected = protostuffOutput(value);
        ByteBuf out = Unpooled.buffer(4);
        try {
            write(out, value, 0);
            write(out, value, 0);
            for (int i = 0; i < 2; i++) {
                assertThat(readVarint(out)).isEqualTo(expected.length);
                assertThat(ByteBufUtil.getBytes(out.readSlice(expected.length))).isEqualTo(expected);
            }
            assertThat(out.isReadable()).isFalse();
        } finally {
            out.release();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void write(ByteBuf out, T value, int bias) throws IOException {
        new ByteBufOutput(out).writeMessage(value, RUNTIME.writeSchema((Class<T>) value.getClass()), bias);
    }

    @SuppressWarnings("unchecked")
    private static <T> byte[] protostuffOutput(T value) {
        Schema<T> schema = RUNTIME.writeSchema((Class<T>) value.getClass());
        return ProtostuffIOUtil.toByteArray(value, schema, LinkedBuffer.allocate(256));
    }

    private static int readVarint(ByteBuf in) {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = in.readByte();
            result |= (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new AssertionError("varint longer than 5 bytes");
    }
}

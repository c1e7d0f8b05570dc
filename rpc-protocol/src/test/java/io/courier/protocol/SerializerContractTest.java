package io.courier.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.ServiceDescriptor;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.internal.BufferInputStream;
import io.courier.protocol.internal.BufferOutputStream;
import io.courier.protocol.model.Address;
import io.courier.protocol.model.InsufficientFundsException;
import io.courier.protocol.model.ModelService;
import io.courier.protocol.model.Order;
import io.courier.protocol.model.Page;
import io.courier.protocol.model.Point;
import io.courier.protocol.model.Status;
import io.courier.protocol.model.User;
import io.courier.protocol.serialization.ClassAllowList;
import io.courier.protocol.serialization.HessianSerializer;
import io.courier.protocol.serialization.ProtostuffSerializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One contract, every built-in serializer: what goes in comes out. */
public class SerializerContractTest {

    public static final DeserializationPolicy POLICY = ClassAllowList.builder()
            .allowTypesOf(ServiceDescriptor.of(ModelService.class))
            .build();

    static Stream<Serializer> serializers() {
        return Stream.of(new ProtostuffSerializer(), new HessianSerializer());
    }

    /** Writes each value with its declared type in one session and reads them back in another. */
    static List<Object> roundTrip(Serializer serializer, Object[] values, Type[] types) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            Serializer.ValueWriter writer = serializer.writer(new BufferOutputStream(buffer));
            for (int i = 0; i < values.length; i++) {
                writer.write(values[i], types[i]);
            }
            writer.flush();
            Serializer.ValueReader reader = serializer.reader(new BufferInputStream(buffer), POLICY);
            List<Object> read = new ArrayList<>();
            for (Type type : types) {
                read.add(reader.read(type));
            }
            assertThat(buffer.isReadable()).as("every byte read").isFalse();
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            buffer.release();
        }
    }

    static Object roundTrip(Serializer serializer, Object value, Type type) {
        return roundTrip(serializer, new Object[] {value}, new Type[] {type}).get(0);
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void primitivesAndBoxes_roundTripAsDeclaredAndAsObject(Serializer serializer) {
        Object[] values = {
            1, -7L, (short) -3, (byte) 0x81, 'Ä', true, false, 1.5f, -0.25, Integer.MIN_VALUE, Long.MAX_VALUE
        };
        Type[] declared = {
            int.class,
            long.class,
            short.class,
            byte.class,
            char.class,
            boolean.class,
            Boolean.class,
            float.class,
            double.class,
            Integer.class,
            Long.class
        };
        assertThat(roundTrip(serializer, values, declared)).containsExactly(values);
        Type[] asObject = new Type[values.length];
        java.util.Arrays.fill(asObject, Object.class);
        if (serializer instanceof HessianSerializer) {
            // Hessian 2 has no short, byte, char or float on the wire: typed as Object they widen.
            assertThat(roundTrip(serializer, values, asObject))
                    .containsExactly(
                            1, -7L, -3, -127, "Ä", true, false, 1.5d, -0.25, Integer.MIN_VALUE, Long.MAX_VALUE);
        } else {
            assertThat(roundTrip(serializer, values, asObject)).containsExactly(values);
        }
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void strings_roundTripIncludingNonAscii(Serializer serializer) {
        Object[] values = {"", "plain", "naïve café Zürich", "北京市 中关村", "emoji 😀 and \u0000 nul", "x".repeat(70_000)};
        Type[] types = {String.class, String.class, String.class, Object.class, String.class, String.class};
        assertThat(roundTrip(serializer, values, types)).containsExactly(values);
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void nullAndByteArraysAndEnums_roundTrip(Serializer serializer) {
        byte[] bytes = {0, 1, -1, 127, -128};
        List<Object> read =
                roundTrip(serializer, new Object[] {null, null, bytes, Status.SHIPPED, Status.NEW}, new Type[] {
                    String.class, User.class, byte[].class, Status.class, Object.class
                });
        assertThat(read.get(0)).isNull();
        assertThat(read.get(1)).isNull();
        assertThat((byte[]) read.get(2)).containsExactly(bytes);
        assertThat(read.get(3)).isEqualTo(Status.SHIPPED);
        assertThat(read.get(4)).isEqualTo(Status.NEW);
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void nestedObjects_roundTrip(Serializer serializer) {
        assertThat(roundTrip(serializer, Order.sample(), Order.class)).isEqualTo(Order.sample());
        assertThat(roundTrip(serializer, Order.sample(), Object.class)).isEqualTo(Order.sample());
        assertThat(roundTrip(serializer, User.sample(3), User.class)).isEqualTo(User.sample(3));
        assertThat(roundTrip(serializer, Page.sample(1, 15), Page.class)).isEqualTo(Page.sample(1, 15));
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void collectionsAndMaps_roundTripIncludingImmutableOnes(Serializer serializer) throws Exception {
        Type listOfUsers = ModelService.class.getMethod("place", Order.class, List.class, Map.class)
                .getGenericParameterTypes()[1];
        Type mapOfAddresses = ModelService.class.getMethod("place", Order.class, List.class, Map.class)
                .getGenericParameterTypes()[2];
        List<User> users = new ArrayList<>(List.of(User.sample(1), User.sample(2)));
        users.add(null);
        Map<String, Address> addresses = new LinkedHashMap<>();
        addresses.put("home", new Address("Bern", "Gasse 2"));
        addresses.put("none", null);
        Set<String> set = new LinkedHashSet<>(List.of("a", "b", "c"));
        List<Object> read = roundTrip(
                serializer,
                new Object[] {users, addresses, set, List.of(1, 2, 3), Map.of("k", "v"), Set.of("only"), List.of()},
                new Type[] {listOfUsers, mapOfAddresses, Set.class, List.class, Map.class, Set.class, List.class});
        assertThat(read.get(0)).isEqualTo(users);
        assertThat(read.get(1)).isEqualTo(addresses);
        assertThat(read.get(2)).isEqualTo(set);
        assertThat(read.get(3)).isEqualTo(List.of(1, 2, 3));
        assertThat(read.get(4)).isEqualTo(Map.of("k", "v"));
        assertThat(read.get(5)).isEqualTo(Set.of("only"));
        assertThat(read.get(6)).isEqualTo(List.of());
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void bigNumbersAndJavaTime_roundTrip(Serializer serializer) {
        Object[] values = {
            new BigDecimal("-12345678901234567890.000123"),
            new BigInteger("123456789012345678901234567890"),
            LocalDate.of(2024, 2, 29),
            LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_000_000),
            LocalTime.of(1, 2, 3),
            Instant.parse("2024-05-06T07:08:09.123456789Z"),
            Duration.ofSeconds(3, 5),
            ZonedDateTime.of(2024, 3, 31, 2, 30, 0, 0, ZoneId.of("Europe/Zurich")),
            OffsetDateTime.parse("2024-05-06T08:00:00-05:00")
        };
        Type[] types = new Type[values.length];
        for (int i = 0; i < values.length; i++) {
            types[i] = values[i].getClass();
        }
        assertThat(roundTrip(serializer, values, types)).containsExactly(values);
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void exceptions_roundTripWithTheirTypeStateAndCauseChain(Serializer serializer) {
        IOException root = new IOException("disk full");
        IllegalStateException middle = new IllegalStateException("cannot book", root);
        InsufficientFundsException thrown = new InsufficientFundsException("short by 12", middle, 12);

        Throwable read = (Throwable) roundTrip(serializer, thrown, Throwable.class);

        assertThat(read).isInstanceOf(InsufficientFundsException.class).hasMessage("short by 12");
        assertThat(((InsufficientFundsException) read).missing()).isEqualTo(12);
        assertThat(frames(read)).isEqualTo(frames(thrown)).isNotEmpty();
        assertThat(read.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("cannot book");
        assertThat(read.getCause().getCause()).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(frames(read.getCause().getCause())).isEqualTo(frames(root));
    }

    /** Class, method, file and line of each frame: the module and loader names do not travel. */
    public static List<String> frames(Throwable exception) {
        return java.util.Arrays.stream(exception.getStackTrace())
                .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber()
                        + ")")
                .toList();
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void records_roundTripOrFailClearly(Serializer serializer) {
        Point point = new Point(3, "north");
        if (serializer instanceof HessianSerializer) {
            assertThat(roundTrip(serializer, point, Point.class)).isEqualTo(point);
            assertThat(roundTrip(serializer, point, Object.class)).isEqualTo(point);
        } else {
            assertThatThrownBy(() -> roundTrip(serializer, point, Point.class))
                    .isInstanceOfSatisfying(
                            RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION))
                    .hasMessageContaining("protostuff cannot write record io.courier.protocol.model.Point");
        }
    }
}

package io.courier.serialization.msgpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.ServiceDescriptor;
import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.model.Address;
import io.courier.protocol.model.InsufficientFundsException;
import io.courier.protocol.model.ModelService;
import io.courier.protocol.model.Order;
import io.courier.protocol.model.Page;
import io.courier.protocol.model.Point;
import io.courier.protocol.model.Status;
import io.courier.protocol.model.User;
import io.courier.protocol.serialization.ClassAllowList;
import io.courier.spi.ExtensionLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The serializer contract's values (rpc-protocol's SerializerContractTest) over MessagePack, as declared. */
class MessagePackSerializerTest {

    static final DeserializationPolicy POLICY = ClassAllowList.builder()
            .allowTypesOf(ServiceDescriptor.of(ModelService.class))
            .build();

    final Serializer msgpack = new MessagePackSerializer();

    static byte[] write(Serializer serializer, Object[] values, Type[] types) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Serializer.ValueWriter writer = serializer.writer(ByteSink.of(out));
            for (int i = 0; i < values.length; i++) {
                writer.write(values[i], types[i]);
            }
            writer.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Object> read(Serializer serializer, byte[] bytes, DeserializationPolicy policy, Type... types)
            throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        Serializer.ValueReader reader = serializer.reader(ByteSource.of(in), policy);
        List<Object> read = new ArrayList<>();
        for (Type type : types) {
            read.add(reader.read(type));
        }
        assertThat(in.available()).as("every byte read").isZero();
        return read;
    }

    List<Object> roundTrip(Object[] values, Type[] types) throws IOException {
        return read(msgpack, write(msgpack, values, types), POLICY, types);
    }

    @Test
    void extension_isFoundByNameWithId5() {
        Serializer installed = ExtensionLoader.of(Serializer.class).get("msgpack");
        assertThat(installed).isInstanceOf(MessagePackSerializer.class);
        assertThat(installed.id()).isEqualTo((byte) 5);
    }

    @Test
    void scalarsStringsBytesAndEnums_roundTripAsDeclared() throws IOException {
        byte[] bytes = {0, 1, -1, 127, -128};
        Object[] values = {
            1,
            -7L,
            (short) -3,
            (byte) 0x81,
            'Ä',
            true,
            1.5f,
            -0.25,
            Long.MAX_VALUE,
            "",
            "naïve 北京市 😀 \u0000",
            "x".repeat(70_000),
            null,
            bytes,
            Status.SHIPPED
        };
        Type[] types = {
            int.class,
            long.class,
            short.class,
            byte.class,
            char.class,
            boolean.class,
            float.class,
            double.class,
            Long.class,
            String.class,
            String.class,
            String.class,
            User.class,
            byte[].class,
            Status.class
        };
        List<Object> read = roundTrip(values, types);
        assertThat(read.subList(0, 12)).containsExactly(java.util.Arrays.copyOf(values, 12));
        assertThat(read.get(12)).isNull();
        assertThat((byte[]) read.get(13)).containsExactly(bytes);
        assertThat(read.get(14)).isEqualTo(Status.SHIPPED);
    }

    @Test
    void objectsCollectionsRecordsBigNumbersAndJavaTime_roundTripAsDeclared() throws Exception {
        Type listOfUsers = ModelService.class.getMethod("place", Order.class, List.class, Map.class)
                .getGenericParameterTypes()[1];
        Type mapOfAddresses = ModelService.class.getMethod("place", Order.class, List.class, Map.class)
                .getGenericParameterTypes()[2];
        List<User> users = new ArrayList<>(List.of(User.sample(1), User.sample(2)));
        users.add(null);
        Map<String, Address> addresses = new LinkedHashMap<>();
        addresses.put("home", new Address("Bern", "Gasse 2"));
        addresses.put("none", null);
        Object[] values = {
            Order.sample(),
            Page.sample(1, 15),
            new Point(3, "north"),
            users,
            addresses,
            new LinkedHashSet<>(List.of("a", "b")),
            new BigDecimal("-12345678901234567890.000123"),
            new BigInteger("123456789012345678901234567890"),
            LocalDate.of(2024, 2, 29),
            LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_000_000),
            Instant.parse("2024-05-06T07:08:09.123456789Z"),
            Duration.ofSeconds(3, 5),
            ZonedDateTime.of(2024, 3, 31, 2, 30, 0, 0, ZoneId.of("Europe/Zurich")),
            OffsetDateTime.parse("2024-05-06T08:00:00-05:00")
        };
        Type[] types = {
            Order.class,
            Page.class,
            Point.class,
            listOfUsers,
            mapOfAddresses,
            Set.class,
            BigDecimal.class,
            BigInteger.class,
            LocalDate.class,
            LocalDateTime.class,
            Instant.class,
            Duration.class,
            ZonedDateTime.class,
            OffsetDateTime.class
        };
        assertThat(roundTrip(values, types)).containsExactly(values);
    }

    @Test
    void valuesDeclaredAsObject_arriveAsPlainMapsListsAndScalars() throws IOException {
        Object[] values = {7, "text", List.of(1, "two"), new Address("Bern", "Gasse 2")};
        Type[] asObject = {Object.class, Object.class, Object.class, Object.class};
        assertThat(roundTrip(values, asObject))
                .containsExactly(7, "text", List.of(1, "two"), Map.of("city", "Bern", "street", "Gasse 2"));
    }

    @Test
    void exceptions_areNotWrittenAsObjects() {
        assertThatThrownBy(() ->
                        write(msgpack, new Object[] {new InsufficientFundsException("short", null, 1)}, new Type[] {
                            Throwable.class
                        }))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION))
                .hasMessageContaining("exceptions are not written");
    }

    @Test
    void aDeclaredClassOutsideTheAllowList_isRefusedBeforeReading() {
        byte[] bytes = write(msgpack, new Object[] {Map.of("a", 1)}, new Type[] {Map.class});
        DeserializationPolicy strict = ClassAllowList.builder().build();
        assertThatThrownBy(() -> read(msgpack, bytes, strict, Thread.class))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION))
                .hasMessageContaining("java.lang.Thread");
    }

    @Test
    void policyLimits_areCheckedOnEachHeaderBeforeAllocating() {
        DeserializationPolicy small = ClassAllowList.builder()
                .limits(ProtocolOptions.builder()
                        .maxDepth(4)
                        .maxStringLength(100)
                        .maxCollectionLength(10)
                        .build())
                .allowTypesOf(ServiceDescriptor.of(ModelService.class))
                .build();
        // str32 announcing 2^31-1 bytes, bin32 likewise, array32 of 2^32-1 elements: five bytes each, no body
        byte[] hugeString = {(byte) 0xdb, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        byte[] hugeBinary = {(byte) 0xc6, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        byte[] hugeArray = {(byte) 0xdd, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        byte[] deep = {(byte) 0x91, (byte) 0x91, (byte) 0x91, (byte) 0x91, (byte) 0x91, (byte) 0x90};
        byte[] elevenElements =
                write(msgpack, new Object[] {List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)}, new Type[] {List.class});
        assertRefused(small, hugeString, String.class, "maxStringLength");
        assertRefused(small, hugeBinary, byte[].class, "maxStringLength");
        assertRefused(small, hugeArray, List.class, "maxCollectionLength");
        assertRefused(small, new byte[] {(byte) 0xdc, 0, 11}, List.class, "maxCollectionLength");
        assertRefused(small, deep, Object.class, "maxDepth");
        assertRefused(small, elevenElements, List.class, "maxCollectionLength");
    }

    @Test
    void whatATreeCannotHold_isRefused() {
        byte[] timestamp = {(byte) 0xd6, (byte) 0xff, 0, 0, 0, 1};
        byte[] integerKey = {(byte) 0x81, 0x01, 0x02};
        byte[] repeatedKey = {(byte) 0x82, (byte) 0xa1, 'a', 0x01, (byte) 0xa1, 'a', 0x02};
        assertRefused(POLICY, timestamp, Object.class, "extension types are not accepted");
        assertRefused(POLICY, integerKey, Map.class, "keys must be strings");
        assertRefused(POLICY, repeatedKey, Map.class, "repeats a key");
        assertRefused(POLICY, new byte[] {(byte) 0xa1, 'x'}, int.class, "value does not match the declared type");
        assertRefused(POLICY, new byte[] {(byte) 0xc0}, int.class, "value does not match the declared type");
    }

    @Test
    void truncatedOrMalformedInput_failsAsIo() {
        byte[] order = write(msgpack, new Object[] {Order.sample()}, new Type[] {Order.class});
        byte[] cut = java.util.Arrays.copyOf(order, order.length - 3);
        assertThatThrownBy(() -> read(msgpack, cut, POLICY, Order.class)).isInstanceOf(java.io.EOFException.class);
        assertThatThrownBy(() -> read(msgpack, new byte[] {(byte) 0xc1}, POLICY, Object.class))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("malformed MessagePack");
    }

    private void assertRefused(DeserializationPolicy policy, byte[] bytes, Type type, String words) {
        assertThatThrownBy(() -> read(msgpack, bytes, policy, type))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION))
                .hasMessageContaining(words);
    }
}

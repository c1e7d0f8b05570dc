package io.courier.grpc.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StringValue;
import io.courier.api.ServiceDescriptor;
import io.courier.api.schema.FieldNumber;
import io.courier.grpc.GrpcSchemas;
import io.courier.grpc.GrpcService;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** The schema derived from an interface, and its values written and read as protobuf. */
class ServiceSchemaTest {

    enum Color {
        RED,
        @FieldNumber(7)
        GREEN
    }

    record Inner(String label, @FieldNumber(5) int weight) {}

    record Tree(String name, List<Tree> children) {}

    record Everything(
            boolean flag,
            int number,
            short small,
            byte tiny,
            char letter,
            long big,
            float ratio,
            double precise,
            Integer boxed,
            String text,
            byte[] bytes,
            BigDecimal amount,
            UUID id,
            LocalDate date,
            LocalTime time,
            LocalDateTime dateTime,
            OffsetDateTime offset,
            ZonedDateTime zoned,
            Instant instant,
            Duration duration,
            Color color,
            List<String> list,
            Set<Long> set,
            int[] ints,
            Map<String, Inner> byName,
            TreeMap<Long, String> sorted,
            Optional<String> maybe,
            Optional<Inner> maybeInner,
            Inner inner,
            Tree tree) {}

    /** A bean with a superclass: the superclass's fields come first. */
    static class Base {
        long id;
    }

    static final class Bean extends Base {
        String name;
        transient String ignored;
        static String alsoIgnored;
    }

    @GrpcService("io.courier.grpc.internal.schema.Everyone")
    interface Everyone {
        Everything echo(Everything everything);

        Bean bean(Bean bean);

        String join(String a, @FieldNumber(9) int b, List<Color> colors);

        void nothing();

        CompletableFuture<Void> later(long millis);

        Flow.Publisher<String> words(int count);

        CompletableFuture<Long> count(Flow.Publisher<Inner> inners);

        Object untyped(Object value);

        List<List<String>> nested(int x);

        Inner overloaded(int x);

        Inner overloaded(String x);
    }

    record Twice(@FieldNumber(2) String a, String b) {}

    record Reserved(@FieldNumber(19_500) String a) {}

    interface Bad {
        Twice twice(Twice t);

        Reserved reserved(Reserved r);
    }

    private final ServiceSchema schema = ServiceSchema.of(ServiceDescriptor.of(Everyone.class));

    @Test
    void everyMappedType_roundTrips() throws Exception {
        Everything value = new Everything(
                true,
                -5,
                (short) 300,
                (byte) -7,
                'é',
                1L << 40,
                1.5f,
                Math.PI,
                null,
                "text",
                new byte[] {0, 1, 2},
                new BigDecimal("12.3400"),
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                LocalDate.of(2024, 2, 29),
                LocalTime.of(23, 59, 1),
                LocalDateTime.of(2024, 2, 29, 1, 2, 3),
                OffsetDateTime.parse("2024-02-29T01:02:03+02:00"),
                ZonedDateTime.parse("2024-02-29T01:02:03+01:00[Europe/Paris]"),
                Instant.ofEpochSecond(-1, 999_999_999),
                Duration.ofMillis(1500),
                Color.GREEN,
                List.of("a", "b"),
                Set.of(3L),
                new int[] {4, 5},
                Map.of("k", new Inner("in", 2)),
                new TreeMap<>(Map.of(2L, "two", 1L, "one")),
                Optional.of("here"),
                Optional.empty(),
                new Inner(null, 0),
                new Tree("root", List.of(new Tree("leaf", List.of()))));
        MessageCodec response = schema.messages("Echo").response();
        Everything back = (Everything) response.read(response.write(value));
        assertThat(back).usingRecursiveComparison().isEqualTo(value);
        assertThat(back.inner().label()).isNull(); // an absent optional string is null, not ""
        assertThat(back.sorted()).isInstanceOf(TreeMap.class);
    }

    @Test
    void theProto_namesTypesNumbersAndLeftOutMethods() {
        String proto = GrpcSchemas.protoFile(Everyone.class);
        assertThat(proto)
                .contains("package io.courier.grpc.internal.schema;")
                .contains("import \"google/protobuf/duration.proto\";")
                .contains("rpc Echo (.io.courier.grpc.internal.schema.ServiceSchemaTest_Everything) returns"
                        + " (.io.courier.grpc.internal.schema.ServiceSchemaTest_Everything);")
                .contains("rpc Count (stream .io.courier.grpc.internal.schema.ServiceSchemaTest_Inner) returns"
                        + " (.io.courier.grpc.internal.schema.CountResponse);")
                .contains("rpc Words (.io.courier.grpc.internal.schema.WordsRequest) returns (stream"
                        + " .io.courier.grpc.internal.schema.WordsResponse);")
                .contains("  optional string text = 10;")
                .contains("  map<string, .io.courier.grpc.internal.schema.ServiceSchemaTest_Inner> byName = 25;")
                .contains("  int32 weight = 5;") // @FieldNumber
                .contains("  .google.protobuf.Timestamp instant = 19;")
                .contains("  SERVICE_SCHEMA_TEST_COLOR_GREEN = 7;")
                .contains("  int32 b = 9;") // a parameter's @FieldNumber
                .contains("  int64 id = 1;\n  optional string name = 2;\n}") // superclass first, transient/static out
                .contains("message NothingResponse {\n}")
                .contains("//   untyped: ")
                .contains("//   nested: ");
        assertThat(schema.messages("Untyped").unsupported()).contains("java.lang.Object has no protobuf form");
        assertThat(schema.messages("Nested").unsupported()).contains("a list of lists");
        assertThat(schema.messages("Overloaded").unsupported()).isNull(); // the first overload is served
    }

    @Test
    void argumentsSpread_overTheParameters() throws Exception {
        MessageCodec request = schema.messages("Join").request();
        assertThat(request.spreads()).isTrue();
        Object[] back = (Object[]) request.read(request.write(new Object[] {"x", 3, List.of(Color.RED)}));
        assertThat(back).containsExactly("x", 3, List.of(Color.RED));
        // repeated enums (field 3) as a protobuf writer may send them: unpacked, or packed
        assertThat((Object[]) request.read(new byte[] {0x18, 1, 0x18, 7}))
                .containsExactly(null, 0, List.of(Color.RED, Color.GREEN));
        assertThat((Object[]) request.read(new byte[] {0x1a, 2, 1, 7}))
                .containsExactly(null, 0, List.of(Color.RED, Color.GREEN));
        assertThat(schema.messages("Nothing").response().read(new byte[0])).isNull();
    }

    @Test
    void theWire_isPlainProtobuf() throws Exception {
        MessageCodec response = schema.messages("Overloaded").response();
        byte[] bytes = response.write(new Inner("in", 2));
        // label = 1 (string), weight = 5 (varint): what protoc's own code writes for the emitted message
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(expected);
        out.writeString(1, "in");
        out.writeInt32(5, 2);
        out.flush();
        assertThat(bytes).isEqualTo(expected.toByteArray());
        assertThat(DynamicMessage.parseFrom(response.descriptor(), bytes).toString())
                .contains("label: \"in\"")
                .contains("weight: 2");
    }

    @Test
    void badInput_isRefusedWithWhereAndWhy() throws Exception {
        MessageCodec echo = schema.messages("Echo").response();
        MessageCodec inner = schema.messages("Overloaded").response();
        assertThatThrownBy(() -> inner.write("not an inner"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String (expected: a " + Inner.class.getName());
        assertThatThrownBy(() -> schema.messages("Join").request().write(new Object[] {"x", 1, listWithNull()}))
                .hasMessageContaining("JoinRequest.colors[0]: null");
        // a wrong wire type for a field, and bytes that are no message
        assertThatThrownBy(() -> inner.read(new byte[] {(byte) 0x0d, 1}))
                .isInstanceOf(InvalidProtocolBufferException.class);
        assertThatThrownBy(() -> inner.read(new byte[] {(byte) 0xff}))
                .isInstanceOf(InvalidProtocolBufferException.class);
        // an enum number that names no constant, a short out of range
        assertThatThrownBy(() -> echo.read(new byte[] {(byte) 0xa8, 1, 3})) // field 21 (color) = 3
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("color: 3 (expected: the number of a constant of");
        assertThatThrownBy(() -> echo.read(new byte[] {0x18, (byte) 0xc0, (byte) 0xb8, 2})) // field 3 (small) = 40000
                .hasMessageContaining("small: 40000 (expected: a short)");
        // unknown fields are skipped, as protobuf's readers skip them
        StringValue unknown = StringValue.of("x");
        assertThat(inner.read(concat(inner.write(new Inner("a", 1)), tagged(99, unknown.toByteArray()))))
                .isEqualTo(new Inner("a", 1));
    }

    @Test
    void deepOrCyclicValues_areRefused_notOverflowingTheStack() throws Exception {
        MessageCodec echo = schema.messages("Echo").response();
        Tree deep = new Tree("leaf", List.of());
        for (int i = 0; i < 150; i++) {
            deep = new Tree("t" + i, List.of(deep));
        }
        Everything value = new Everything(
                false,
                0,
                (short) 0,
                (byte) 0,
                'x',
                0,
                0,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                Set.of(),
                new int[0],
                Map.of(),
                new TreeMap<>(),
                Optional.empty(),
                Optional.empty(),
                null,
                deep);
        assertThatThrownBy(() -> echo.write(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested deeper than " + DerivedCodec.MAX_DEPTH);
        // bytes of a tree 200 deep (field 30, tree; field 2, children), as a hostile caller would send them
        byte[] tree = new byte[0];
        for (int i = 0; i < 200; i++) {
            tree = tagged(2, tree);
        }
        byte[] hostile = tagged(30, tree);
        assertThatThrownBy(() -> echo.read(hostile)).isInstanceOf(InvalidProtocolBufferException.class);
    }

    @Test
    void fieldNumbers_mayNotCollideOrLeaveProtobufsRange() {
        ServiceSchema bad = ServiceSchema.of(ServiceDescriptor.of(Bad.class));
        assertThat(bad.messages("Twice").unsupported()).contains("fields a and b both have number 2");
        assertThat(bad.messages("Reserved").unsupported()).contains("@FieldNumber(19500) (expected: 1 to");
    }

    private static List<Color> listWithNull() {
        java.util.ArrayList<Color> colors = new java.util.ArrayList<>();
        colors.add(null);
        return colors;
    }

    private static byte[] tagged(int field, byte[] value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeByteArray(field, value);
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

package io.courier.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.ServiceDescriptor;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.internal.BufferInputStream;
import io.courier.protocol.internal.BufferOutputStream;
import io.courier.protocol.model.Envelope;
import io.courier.protocol.model.ModelService;
import io.courier.protocol.model.Order;
import io.courier.protocol.model.Point;
import io.courier.protocol.model.Shape;
import io.courier.protocol.model.User;
import io.courier.protocol.serialization.ClassAllowList;
import io.courier.protocol.serialization.JsonSerializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSerializerTest {

    static final DeserializationPolicy POLICY = ClassAllowList.builder()
            .limits(ProtocolOptions.builder()
                    .maxDepth(32)
                    .maxStringLength(1000)
                    .maxCollectionLength(100)
                    .build())
            .allowTypesOf(ServiceDescriptor.of(ModelService.class))
            .build();

    final JsonSerializer json = new JsonSerializer();

    @Test
    void objectsRecordsAndJavaTime_roundTrip() throws IOException {
        Order order = Order.sample();
        Point point = new Point(3, "p");
        ByteBuf buffer = Unpooled.buffer();
        try {
            Serializer.ValueWriter writer = json.writer(new BufferOutputStream(buffer));
            writer.write(order, Order.class);
            writer.write(point, Point.class);
            writer.write(Instant.parse("2026-11-22T10:00:00Z"), Instant.class);
            writer.write(Duration.ofSeconds(90), Duration.class);
            writer.write(null, String.class);
            writer.write(7, int.class);
            writer.flush();
            String text = buffer.toString(StandardCharsets.UTF_8);
            assertThat(text).contains("\"2026-11-22T10:00:00Z\"", "\"PT1M30S\"", "\"x\":3");
            Serializer.ValueReader reader = json.reader(new BufferInputStream(buffer), POLICY);
            assertThat(reader.read(Order.class)).isEqualTo(order);
            assertThat(reader.read(Point.class)).isEqualTo(point);
            assertThat(reader.read(Instant.class)).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
            assertThat(reader.read(Duration.class)).isEqualTo(Duration.ofSeconds(90));
            assertThat(reader.read(String.class)).isNull();
            assertThat(reader.read(int.class)).isEqualTo(7);
        } finally {
            buffer.release();
        }
    }

    @Test
    void parsedJson_isWrittenAndReadAsItIs() throws IOException {
        JsonNode node = JsonNodeFactory.instance.objectNode().put("id", 5).put("name", "ann");
        ByteBuf buffer = Unpooled.buffer();
        try {
            Serializer.ValueWriter writer = json.writer(new BufferOutputStream(buffer));
            writer.write(node, JsonNode.class);
            writer.flush();
            Object read = json.reader(new BufferInputStream(buffer), POLICY).read(JsonNode.class);
            assertThat(read).isEqualTo(node);
        } finally {
            buffer.release();
        }
    }

    @Test
    void typeIdFields_areUnknownPropertiesAndNothingIsLoaded() {
        assertRefused("{\"@class\":\"com.sun.rowset.JdbcRowSetImpl\",\"id\":1}", User.class, "unknown property");
        assertRefused("{\"@type\":\"java.lang.ProcessBuilder\"}", User.class, "unknown property");
        assertRefused("[\"com.sun.rowset.JdbcRowSetImpl\",{}]", User.class, "declared type");
        // an interface without type ids cannot be built at all
        assertRefused("{\"@type\":\"Circle\",\"radius\":1}", Shape.class, "");
    }

    @Test
    void objectFields_becomeMapsNeverNamedClasses() throws IOException {
        Envelope envelope = (Envelope) read(
                "{\"label\":\"l\",\"payload\":{\"@class\":\"java.lang.ProcessBuilder\",\"command\":[\"x\"]}}",
                Envelope.class);
        assertThat(envelope.payload()).isInstanceOf(Map.class);
    }

    @Test
    void limits_refuseBeforeBinding() {
        assertRefused("[".repeat(100_000) + "]".repeat(100_000), List.class, "nesting depth");
        assertRefused("\"" + "x".repeat(2000) + "\"", String.class, "String value length");
        assertRefused("[" + "1,".repeat(150) + "1]", int[].class, "maxCollectionLength");
        assertRefused("{\"id\":\"12\"}", User.class, "");
    }

    @Test
    void undeclaredClasses_areRefusedByThePolicy() {
        assertThatThrownBy(() -> read("{}", ProcessBuilder.class))
                .isInstanceOf(RpcException.class)
                .hasMessageContaining("java.lang.ProcessBuilder is not allowed");
    }

    @Test
    void exceptions_areNotWrittenAsObjects() {
        ByteBuf buffer = Unpooled.buffer();
        try {
            Serializer.ValueWriter writer = json.writer(new BufferOutputStream(buffer));
            assertThatThrownBy(() -> writer.write(new IllegalStateException("x"), Throwable.class))
                    .isInstanceOf(RpcException.class);
        } finally {
            buffer.release();
        }
    }

    private Object read(String text, Type type) throws IOException {
        ByteBuf buffer = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        try {
            return json.reader(new BufferInputStream(buffer), POLICY).read(type);
        } finally {
            buffer.release();
        }
    }

    private void assertRefused(String text, Type type, String message) {
        assertThatThrownBy(() -> read(text, type))
                .isInstanceOf(RpcException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((RpcException) e).code()).isEqualTo(ErrorCode.SERIALIZATION));
    }
}

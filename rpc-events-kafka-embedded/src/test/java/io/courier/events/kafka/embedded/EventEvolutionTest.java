package io.courier.events.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.serialization.ClassAllowList;
import io.courier.protocol.serialization.HessianSerializer;
import io.courier.protocol.serialization.JsonSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What docs/events.md promises of hessian for events that live for months: a record written by a
 * version with a field more, or a field less, is read by the other (two versions of one event are
 * two classes here, renamed in the bytes to one name); and of json, the events' default: a missing
 * field is left at its default, a field the reader does not know is refused.
 */
class EventEvolutionTest {

    public record PlacedV1(String orderId, long cents) {}

    public record PlacedV2(String orderId, long cents, String coupon) {}

    @Test
    void olderReader_ignoresAFieldAdded() throws Exception {
        byte[] v2 = write(new PlacedV2("o-1", 4200, "SPRING"), "PlacedV2", "PlacedV1");
        assertThat(read(v2, PlacedV1.class)).isEqualTo(new PlacedV1("o-1", 4200));
    }

    @Test
    void newerReader_leavesAMissingFieldAtItsDefault() throws Exception {
        byte[] v1 = write(new PlacedV1("o-1", 4200), "PlacedV1", "PlacedV2");
        assertThat(read(v1, PlacedV2.class)).isEqualTo(new PlacedV2("o-1", 4200, null));
    }

    @Test
    void json_newerReader_leavesAMissingFieldAtItsDefault() throws Exception {
        byte[] v1 = json(new PlacedV1("o-1", 4200));
        assertThat(readJson(v1, PlacedV2.class)).isEqualTo(new PlacedV2("o-1", 4200, null));
    }

    @Test
    void json_olderReader_refusesAFieldAdded() throws Exception {
        byte[] v2 = json(new PlacedV2("o-1", 4200, "SPRING"));
        assertThatThrownBy(() -> readJson(v2, PlacedV1.class)).hasMessageContaining("coupon");
    }

    private static byte[] json(Object value) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Serializer.ValueWriter writer = new JsonSerializer().writer(ByteSink.of(out));
        writer.write(value, value.getClass());
        writer.flush();
        return out.toByteArray();
    }

    private static Object readJson(byte[] bytes, Class<?> type) throws Exception {
        ClassAllowList policy = ClassAllowList.builder().allowClass(type).build();
        return new JsonSerializer()
                .reader(ByteSource.of(new ByteArrayInputStream(bytes)), policy)
                .read(type);
    }

    private static byte[] write(Object value, String from, String to) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Serializer.ValueWriter writer = new HessianSerializer().writer(ByteSink.of(out));
        writer.write(value, value.getClass());
        writer.flush();
        return new String(out.toByteArray(), StandardCharsets.ISO_8859_1)
                .replace(from, to)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Object read(byte[] bytes, Class<?> type) throws Exception {
        ClassAllowList policy = ClassAllowList.builder().allowClass(type).build();
        return new HessianSerializer()
                .reader(ByteSource.of(new ByteArrayInputStream(bytes)), policy)
                .read(type);
    }
}

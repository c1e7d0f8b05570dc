package io.courier.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alibaba.com.caucho.hessian.io.Hessian2Output;
import com.alibaba.com.caucho.hessian.io.SerializerFactory;
import io.courier.api.RpcException;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.serialization.ClassAllowList;
import io.courier.protocol.serialization.HessianSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Courier's writers of the java.time handles write the bytes hessian-lite's own reflective ones write,
 * alone, repeated and beside values the reader refers back to, so no hessian reader can tell them apart;
 * and its readers build the values from the handles hessian-lite writes, references intact.
 */
class HessianTimeHandlesTest {

    /** A value with java.time fields, one object shared twice (a back-reference after the handles). */
    static final class Booking implements Serializable {
        private static final long serialVersionUID = 1L;
        LocalDate day = LocalDate.of(2026, 11, 25);
        LocalTime at = LocalTime.of(7, 30, 15, 123_456_789);
        LocalDateTime created = LocalDateTime.of(2025, 1, 2, 3, 4, 5, 6);
        List<String> tags = new ArrayList<>(List.of("a", "b"));
        List<String> sameTags = tags;
    }

    @Test
    void handles_areWrittenByteForByteAsHessianLiteWritesThem() throws IOException {
        List<Object> values = new ArrayList<>();
        values.add(LocalDate.of(1970, 1, 1));
        values.add(LocalTime.MIDNIGHT);
        values.add(LocalDateTime.of(2026, 11, 25, 23, 59, 59, 999_999_999));
        values.add(new Booking());
        values.add(new Booking());
        values.add(LocalDate.MIN);
        values.add(LocalDate.MAX);

        QuietHessianStart.ensure();
        SerializerFactory plain = new SerializerFactory(getClass().getClassLoader());
        plain.setAllowNonSerializable(true);
        HessianFactory courier = new HessianFactory(null, getClass().getClassLoader());

        assertThat(write(courier, values)).isEqualTo(write(plain, values));
    }

    @Test
    void handlesWrittenByHessianLite_areReadBackAsTheirValues_withBackReferencesIntact() throws IOException {
        QuietHessianStart.ensure();
        SerializerFactory plain = new SerializerFactory(getClass().getClassLoader());
        plain.setAllowNonSerializable(true);
        Booking booking = new Booking();
        byte[] bytes = write(plain, List.of(booking, LocalDateTime.of(2026, 2, 28, 23, 0), LocalTime.NOON));

        DeserializationPolicy policy =
                ClassAllowList.builder().allowClass(Booking.class).build();
        Serializer.ValueReader reader =
                new HessianSerializer().reader(ByteSource.of(new ByteArrayInputStream(bytes)), policy);
        Booking read = (Booking) reader.read(Booking.class);
        assertThat(read.day).isEqualTo(booking.day);
        assertThat(read.at).isEqualTo(booking.at);
        assertThat(read.created).isEqualTo(booking.created);
        assertThat(read.tags).containsExactly("a", "b");
        assertThat(read.sameTags).isSameAs(read.tags);
        assertThat(reader.read(LocalDateTime.class)).isEqualTo(LocalDateTime.of(2026, 2, 28, 23, 0));
        assertThat(reader.read(LocalTime.class)).isEqualTo(LocalTime.NOON);
    }

    @Test
    void anImpossibleDate_isRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Hessian2Output out = new Hessian2Output(bytes);
        out.setSerializerFactory(new HessianFactory(null, getClass().getClassLoader()));
        out.writeObjectBegin("com.alibaba.com.caucho.hessian.io.java8.LocalDateHandle");
        out.writeClassFieldLength(3);
        out.writeString("day");
        out.writeString("month");
        out.writeString("year");
        out.writeObjectBegin("com.alibaba.com.caucho.hessian.io.java8.LocalDateHandle");
        out.writeInt(31);
        out.writeInt(2);
        out.writeInt(2026);
        out.flushBuffer();
        Serializer.ValueReader reader = new HessianSerializer()
                .reader(
                        ByteSource.of(new ByteArrayInputStream(bytes.toByteArray())),
                        ClassAllowList.builder().build());
        assertThatThrownBy(() -> reader.read(LocalDate.class))
                .isInstanceOf(RpcException.class)
                .hasMessageContaining("impossible LocalDate");
    }

    private static byte[] write(SerializerFactory factory, List<Object> values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Hessian2Output out = new Hessian2Output(bytes);
        out.setSerializerFactory(factory);
        for (Object value : values) {
            out.writeObject(value);
        }
        out.flushBuffer();
        return bytes.toByteArray();
    }
}

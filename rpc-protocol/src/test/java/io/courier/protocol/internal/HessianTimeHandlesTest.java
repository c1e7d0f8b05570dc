package io.courier.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.com.caucho.hessian.io.Hessian2Output;
import com.alibaba.com.caucho.hessian.io.SerializerFactory;
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
 * alone, repeated and beside values the reader refers back to, so no hessian reader can tell them apart.
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

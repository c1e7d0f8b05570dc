package io.courier.protocol.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.protocol.internal.RepeatedRecordWriter;
import io.courier.protocol.serialization.HessianPayloadReaderTest.Sample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link HessianPayloadWriter} writes the bytes hessian writes, event after event: strings of every
 * length and alphabet, numbers at every encoding's edges, nulls; a record holding anything else
 * (a list here) is written by hessian itself; and what it writes reads back equal.
 */
class HessianPayloadWriterTest {

    public record Plain(String orderId, String customer, long sequence, long sentNanos) {}

    private final HessianSerializer hessian = new HessianSerializer();

    @Test
    void write_isByteForByteHessians_eventAfterEvent() throws Exception {
        HessianPayloadWriter writer = hessian.payloadWriter(Sample.class);
        RepeatedRecordWriter repeated = new RepeatedRecordWriter(Sample.class);
        DeserializationPolicy policy =
                ClassAllowList.builder().allowClass(Sample.class).build();
        List<Sample> samples = HessianPayloadReaderTest.samples(new Random(7));
        int shortcut = 0;
        for (Sample sample : samples) {
            byte[] expected = stock(sample);
            assertThat(writer.write(sample)).isEqualTo(expected);
            byte[] quick = repeated.tryWrite(sample);
            if (sample.tags() == null && (sample.text() == null || sample.text().length() <= 0x8000)) {
                assertThat(quick).isEqualTo(expected);
                shortcut++;
            } else {
                assertThat(quick).isNull();
            }
            Object read = hessian.reader(ByteSource.of(new ByteArrayInputStream(expected)), policy)
                    .read(Sample.class);
            assertThat(hessian.payloadReader(Sample.class, policy).read(writer.write(sample)))
                    .isEqualTo(read);
        }
        assertThat(shortcut).isGreaterThan(samples.size() / 2);
    }

    @Test
    void write_ofTheBenchmarksEvent_isHessians() throws Exception {
        HessianPayloadWriter writer = hessian.payloadWriter(Plain.class);
        for (long sequence = -300_000; sequence <= 300_000; sequence += 997) {
            Plain event = new Plain("order-" + sequence, "customer-" + sequence % 1000, sequence, System.nanoTime());
            assertThat(writer.write(event)).isEqualTo(stock(event));
        }
        assertThat(writer.write(new Plain(null, null, 0, 0))).isEqualTo(stock(new Plain(null, null, 0, 0)));
    }

    private byte[] stock(Object value) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        io.courier.api.serialization.Serializer.ValueWriter writer = hessian.writer(ByteSink.of(out));
        writer.write(value, value.getClass());
        writer.flush();
        return out.toByteArray();
    }
}

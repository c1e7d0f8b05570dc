package io.courier.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.serialization.Serializer;
import io.courier.protocol.internal.BufferInputStream;
import io.courier.protocol.internal.BufferOutputStream;
import io.courier.spi.ExtensionLoader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The micro benchmarks' values go through every Courier serializer, bound to the workload's service under its
 * allow-list, and {@link SerializedSizes} counts the bytes they take.
 */
class WorkloadSerializationTest {

    @ParameterizedTest
    @CsvSource({"protostuff, user", "protostuff, page", "hessian, user", "hessian, page", "fory, user", "fory, page"})
    void value_roundTripsUnderTheServicesAllowList(String name, String value) throws Exception {
        Serializer serializer = ExtensionLoader.of(Serializer.class)
                .get(name)
                .forService(WorkloadValues.SERVICE, WorkloadValues.POLICY);
        Object original = WorkloadValues.value(value);
        ByteBuf buf = Unpooled.buffer();
        try {
            Serializer.ValueWriter writer = serializer.writer(new BufferOutputStream(buf));
            writer.write(original, WorkloadValues.declaredType(value));
            writer.flush();

            Object read = serializer
                    .reader(new BufferInputStream(buf), WorkloadValues.POLICY)
                    .read(WorkloadValues.declaredType(value));

            assertThat(read).isInstanceOf(WorkloadValues.valueClass(value)).isEqualTo(original);
            assertThat(SerializedSizes.size(serializer, value)).isEqualTo(buf.writerIndex());
        } finally {
            buf.release();
        }
    }
}

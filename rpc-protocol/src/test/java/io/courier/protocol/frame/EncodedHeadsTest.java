package io.courier.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.protocol.Greeter;
import io.courier.protocol.internal.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class EncodedHeadsTest {

    private static final MethodDescriptor GREET =
            ServiceDescriptor.of(Greeter.class).find("greet(java.lang.String)");

    private final EncodedHeads heads = new EncodedHeads();

    @Test
    void writesWhatWireWritesForTheKeyAndTheMethod_everyTime() {
        ServiceKey key = new ServiceKey("shop", Greeter.class.getName(), "1.0");

        assertThat(written(key, GREET)).isEqualTo(expected(key, GREET));
        assertThat(written(key, GREET)).isEqualTo(expected(key, GREET));
    }

    @Test
    void anotherServiceKey_withTheSameMethod_getsItsOwnBytes() {
        ServiceKey first = new ServiceKey("", Greeter.class.getName(), "1.0");
        ServiceKey second = new ServiceKey("", Greeter.class.getName(), "2.0");

        written(first, GREET);

        assertThat(written(second, GREET)).isEqualTo(expected(second, GREET));
        assertThat(written(first, GREET)).isEqualTo(expected(first, GREET));
    }

    private byte[] written(ServiceKey key, MethodDescriptor method) {
        ByteBuf out = Unpooled.buffer();
        try {
            heads.write(out, key, method);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    private static byte[] expected(ServiceKey key, MethodDescriptor method) {
        ByteBuf out = Unpooled.buffer();
        try {
            Wire.writeString(out, key.toString());
            Wire.writeString(out, method.descriptor());
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }
}
